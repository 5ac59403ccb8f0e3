# Qualifications and worker blocks (guide page: docs/qualifications.md).

# --8<-- [start:qualification-type]
PILOT=$(aws mturk create-qualification-type --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --name "Took part in the pilot" \
    --description "Workers who completed our pilot study." \
    --qualification-type-status Active \
    --query QualificationType.QualificationTypeId --output text)
# --8<-- [end:qualification-type]

# --8<-- [start:assign-score]
aws mturk associate-qualification-with-worker --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --qualification-type-id "$PILOT" --worker-id A1EXAMPLEWORKER \
    --integer-value 1 --no-send-notification
aws mturk get-qualification-score --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --qualification-type-id "$PILOT" --worker-id A1EXAMPLEWORKER \
    --query Qualification.IntegerValue --output text
# --8<-- [end:assign-score]

# --8<-- [start:block-worker]
aws mturk create-worker-block --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --worker-id A1EXAMPLEWORKER --reason "Submitted the same answer to every question."
aws mturk list-worker-blocks --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --query "WorkerBlocks[].[WorkerId,Reason]" --output text
aws mturk delete-worker-block --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --worker-id A1EXAMPLEWORKER --reason "Blocked by mistake."
# --8<-- [end:block-worker]
