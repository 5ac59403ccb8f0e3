# Create your first HIT in the sandbox (guide page: docs/first-hit.md).
# Run it in the folder where you saved first_hit_question.xml.

# --8<-- [start:create-hit]
aws mturk create-hit --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --title "Tell us how the setup went" \
    --description "Answer one question about this guide (a sandbox test)." \
    --keywords "survey, test" \
    --reward 0.05 \
    --max-assignments 1 \
    --lifetime-in-seconds 86400 \
    --assignment-duration-in-seconds 600 \
    --auto-approval-delay-in-seconds 259200 \
    --question file://first_hit_question.xml \
    --query "HIT.[HITId,HITTypeId,HITStatus]" --output text
# --8<-- [end:create-hit]

# --8<-- [start:list-hits]
aws mturk list-hits --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --query "HITs[].[HITId,Title,HITStatus]" --output text
# --8<-- [end:list-hits]
