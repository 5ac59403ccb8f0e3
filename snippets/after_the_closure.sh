# Switch off and delete an MTurk IAM user (guide page: docs/after-the-closure.md).
# Run where you may manage IAM, such as AWS CloudShell.

# --8<-- [start:remove-user]
KEY=$(aws iam list-access-keys --user-name mturk-api \
    --query "AccessKeyMetadata[0].AccessKeyId" --output text)
aws iam update-access-key --user-name mturk-api --access-key-id "$KEY" --status Inactive
aws iam delete-access-key --user-name mturk-api --access-key-id "$KEY"
aws iam detach-user-policy --user-name mturk-api \
    --policy-arn arn:aws:iam::aws:policy/AmazonMechanicalTurkFullAccess
aws iam delete-user --user-name mturk-api
# --8<-- [end:remove-user]

# --8<-- [start:check-gone]
aws iam list-users --query "Users[].UserName" --output text
# --8<-- [end:check-gone]
