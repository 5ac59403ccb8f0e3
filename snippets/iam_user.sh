# Create an IAM user for MTurk (guide page: docs/iam-user.md).
# Run these in AWS CloudShell, or anywhere you are signed in as an IAM administrator.

# --8<-- [start:create-user]
aws iam create-user --user-name mturk-api --query User.Arn --output text
#> arn:aws:iam::123456789012:user/mturk-api
aws iam attach-user-policy --user-name mturk-api \
    --policy-arn arn:aws:iam::aws:policy/AmazonMechanicalTurkFullAccess
aws iam list-attached-user-policies --user-name mturk-api \
    --query "AttachedPolicies[].PolicyName" --output text
#> AmazonMechanicalTurkFullAccess
# --8<-- [end:create-user]

# --8<-- [start:create-key]
umask 077
aws iam create-access-key --user-name mturk-api > mturk-api_accessKey.json
# --8<-- [end:create-key]
