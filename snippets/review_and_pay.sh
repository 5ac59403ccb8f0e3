# Review, approve and pay a bonus (guide page: docs/review-and-pay.md).
# Put your HIT's id after HIT_ID= (the first command shows it).

# --8<-- [start:list-assignments]
HIT_ID=$(aws mturk list-hits --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --no-paginate --query "HITs[0].HITId" --output text)
aws mturk list-assignments-for-hit --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --hit-id "$HIT_ID" --assignment-statuses Submitted \
    --query "Assignments[].[AssignmentId,WorkerId]" --output text
# --8<-- [end:list-assignments]

# --8<-- [start:approve]
ASSIGNMENT_ID=$(aws mturk list-assignments-for-hit --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --hit-id "$HIT_ID" --assignment-statuses Submitted \
    --no-paginate --query "Assignments[0].AssignmentId" --output text)
WORKER_ID=$(aws mturk list-assignments-for-hit --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --hit-id "$HIT_ID" --assignment-statuses Submitted \
    --no-paginate --query "Assignments[0].WorkerId" --output text)
aws mturk approve-assignment --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --assignment-id "$ASSIGNMENT_ID" --requester-feedback "Thank you!"
# --8<-- [end:approve]

# --8<-- [start:bonus]
PAID=$(aws mturk list-bonus-payments --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --assignment-id "$ASSIGNMENT_ID" --no-paginate --query "length(BonusPayments)" \
    --output text)
if [ "$PAID" = "0" ]; then aws mturk send-bonus --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --worker-id "$WORKER_ID" --assignment-id "$ASSIGNMENT_ID" \
    --bonus-amount 0.25 --reason "Thanks for the detail." \
    --unique-request-token "bonus-$ASSIGNMENT_ID"; fi
aws mturk list-bonus-payments --profile mturk --region us-east-1 \
    --endpoint-url https://mturk-requester-sandbox.us-east-1.amazonaws.com \
    --hit-id "$HIT_ID" --query "BonusPayments[].[WorkerId,BonusAmount]" --output text
# --8<-- [end:bonus]
