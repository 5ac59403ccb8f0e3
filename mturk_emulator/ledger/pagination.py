"""Rules about pages of results."""

from __future__ import annotations

from . import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "pagination.token-on-every-page",
        "Every page that has results carries a NextToken; the page after the last item is "
        "empty (NumResults 0) and has none. Mephisto's get_outstanding_hits, which reads "
        "NextToken from every non-empty page, works; boto3 paginators stop at the empty page.",
        "observed",
        "https://github.com/aws/aws-sdk-js/issues/2522",
        "{ \"NextToken\": 'NEXT_TOKEN_VALUE', NumResults: 1, HITs: [ { HITId: "
        "'388FBO7JZT48TG61MZMH91GBEYPYNF' } ] }",
    ),
    Rule(
        "pagination.max-results",
        "MaxResults is 1 to 100 (default 100); above 100 is a ValidationException from the "
        "model's ResultSize shape.",
        "documented",
        "botocore model: ResultSize",
        "min 1, max 100",
    ),
    Rule(
        "pagination.num-results",
        "NumResults is the number of items on this page.",
        "documented",
        "botocore model: ListHITsResponse.NumResults",
        "The number of HITs on this page in the filtered results list",
    ),
    Rule(
        "pagination.token-after-key",
        "A NextToken names the last item of its page by its sort key (a HIT's creation "
        "time and number); the next page starts after that key, so an item that exists "
        "through a whole walk is listed exactly once while others are created or deleted.",
        "inferred",
        "AWS does not say what its tokens hold. A position in the list would skip items "
        "when older ones are deleted during a walk (Mephisto's cleanup deletes HITs while "
        "it pages through them); AWS's other services page by key.",
    ),
    Rule(
        "pagination.made-up-token",
        "A NextToken the service did not hand out is refused with ParameterValidationError "
        "naming NextToken.",
        "inferred",
        "No paste of the real answer was found; a value MTurk itself rejects is a "
        "ParameterValidationError elsewhere.",
    ),
)
