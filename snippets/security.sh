# Keep your keys safe (guide page: docs/security.md).
# Run these in AWS CloudShell, or anywhere you are signed in as an IAM administrator.

# --8<-- [start:list-keys]
aws iam list-access-keys --user-name mturk-api \
    --query "AccessKeyMetadata[].[AccessKeyId,Status]" --output text
# --8<-- [end:list-keys]

# --8<-- [start:rotate-key]
OLD_KEY=$(aws iam list-access-keys --user-name mturk-api \
    --query "AccessKeyMetadata[0].AccessKeyId" --output text)
umask 077
aws iam create-access-key --user-name mturk-api > mturk-api_newAccessKey.json
# --8<-- [end:rotate-key]

# --8<-- [start:check-rotation]
aws iam list-access-keys --user-name mturk-api \
    --query "length(AccessKeyMetadata[?Status=='Active'])"
#> 2
# --8<-- [end:check-rotation]

# --8<-- [start:finish-rotation]
aws iam update-access-key --user-name mturk-api --access-key-id "$OLD_KEY" --status Inactive
aws iam delete-access-key --user-name mturk-api --access-key-id "$OLD_KEY"
# --8<-- [end:finish-rotation]

# --8<-- [start:deactivate-key]
aws iam update-access-key --user-name mturk-api --access-key-id "$OLD_KEY" --status Inactive
# --8<-- [end:deactivate-key]

# --8<-- [start:least-privilege]
aws iam create-user --user-name mturk-bonus-payer --query User.Arn --output text
#> arn:aws:iam::123456789012:user/mturk-bonus-payer
aws iam put-user-policy --user-name mturk-bonus-payer --policy-name PayBonusesOnly \
    --policy-document file://pay_bonuses_only.json
# --8<-- [end:least-privilege]
