"""The two layers of the real service's parameter checks (evidence.md sections 0 and 2).

* The botocore model's constraints (pattern, length, value range, enum,
  required), which botocore itself does not check: ``ValidationException``,
  "1 validation error detected: Value '0.9752' at 'bonusAmount' failed to satisfy
  constraint: Member must satisfy regular expression pattern: ..." (Dallinger#1052).
* MTurk's own checks (ranges, unknown workers, bad XML): ``ParameterValidationError``
  with ``Parameter`` and TurkErrorCode ``AWS.MechanicalTurk.InvalidParameterValue``
  (boto/boto3#2108, aws-sdk-java#1817, aws-sdk-java#2055), not a modeled error.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pytest
from botocore import xform_name
from botocore.model import ListShape, Shape, ShapeResolver, StructureShape

from mturk_emulator import MTurkFake
from mturk_emulator.validator import request_problems
from tests.emulator.support import WORKER, hit_args, new_hit, parameter_error, validation_message

if TYPE_CHECKING:
    from mypy_boto3_mturk import MTurkClient


# --- the model's constraints ---------------------------------------------------------


@pytest.mark.evidence("validation.model-constraints", "validation.currency-amount")
def test_a_bonus_amount_with_three_decimals_is_refused_as_aws_refused_it(
    mturk_sandbox: MTurkClient,
) -> None:
    message = validation_message(
        mturk_sandbox,
        lambda: mturk_sandbox.send_bonus(
            WorkerId=WORKER, BonusAmount="0.9752", AssignmentId="3ABC", Reason="Thanks."
        ),
    )
    # Dallinger/Dallinger#1052, word for word.
    assert message == (
        "1 validation error detected: Value '0.9752' at 'bonusAmount' failed to satisfy "
        r"constraint: Member must satisfy regular expression pattern: ^[0-9]+(\.)?[0-9]{0,2}$"
    )


@pytest.mark.evidence("validation.currency-amount")
@pytest.mark.parametrize("reward", [" 0.50", "1_000", "\u0660.\u0665\u0660", "0.50\u00a0", "+1"])
def test_rewards_outside_the_models_pattern_are_refused(
    mturk_sandbox: MTurkClient, reward: str
) -> None:
    message = validation_message(mturk_sandbox, lambda: new_hit(mturk_sandbox, Reward=reward))
    assert f"Value '{reward}' at 'reward' failed to satisfy constraint" in message
    assert mturk_sandbox.list_hits()["NumResults"] == 0


@pytest.mark.evidence("validation.worker-id-pattern")
@pytest.mark.parametrize("worker_id", ["nonsense", " A1EXAMPLEWORKER", "a1example", "A1,A2"])
def test_worker_ids_outside_the_models_pattern_are_refused(
    mturk_sandbox: MTurkClient, worker_id: str
) -> None:
    message = validation_message(
        mturk_sandbox,
        lambda: mturk_sandbox.create_worker_block(WorkerId=worker_id, Reason="Spam."),
    )
    assert message == (
        f"1 validation error detected: Value '{worker_id}' at 'workerId' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ^A[A-Z0-9]+$"
    )


@pytest.mark.evidence("validation.model-constraints", "pagination.max-results")
def test_max_results_above_100_is_refused(mturk_sandbox: MTurkClient) -> None:
    message = validation_message(mturk_sandbox, lambda: mturk_sandbox.list_hits(MaxResults=500))
    assert message == (
        "1 validation error detected: Value '500' at 'maxResults' failed to satisfy "
        "constraint: Member must have value less than or equal to 100"
    )


@pytest.mark.evidence("validation.model-constraints", "validation.nested-member-path")
def test_an_unknown_comparator_is_refused_with_its_path(mturk_sandbox: MTurkClient) -> None:
    requirement = {"QualificationTypeId": "000000000000000000L0", "Comparator": "Bigger"}
    message = validation_message(
        mturk_sandbox, lambda: new_hit(mturk_sandbox, QualificationRequirements=[requirement])
    )
    assert message.startswith(
        "1 validation error detected: Value 'Bigger' at "
        "'qualificationRequirements.1.member.comparator' failed to satisfy constraint: "
        "Member must satisfy enum value set: [LessThan, LessThanOrEqualTo, "
    )


@pytest.mark.evidence("validation.several-errors")
def test_several_violations_are_reported_together(mturk_sandbox: MTurkClient) -> None:
    message = validation_message(
        mturk_sandbox,
        lambda: mturk_sandbox.send_bonus(
            WorkerId="nobody", BonusAmount="lots", AssignmentId="3ABC", Reason="Thanks."
        ),
    )
    assert message.startswith("2 validation errors detected: Value ")
    assert "at 'workerId'" in message
    assert "; Value 'lots' at 'bonusAmount'" in message


# Every constrained member of every operation's input, read from the model.


def _model() -> Any:
    from moto.core.utils import get_service_model

    return get_service_model("mturk")


def _valid(shape: Shape) -> Any:
    """A value that satisfies every constraint of ``shape`` (required members only)."""
    if isinstance(shape, StructureShape):
        return {name: _valid(shape.members[name]) for name in shape.required_members}
    if isinstance(shape, ListShape):
        return [_valid(shape.member)]
    meta = shape.metadata
    if "enum" in meta:
        return meta["enum"][0]
    if shape.type_name in ("integer", "long"):
        return max(1, meta.get("min", 1))
    if shape.type_name == "boolean":
        return True
    if shape.type_name == "timestamp":
        return datetime(2030, 1, 1, tzinfo=UTC)
    if shape.name == "CurrencyAmount":
        return "1.00"
    return "A1" if "pattern" in meta else "AB"


def _violations() -> list[tuple[str, str, Any, str]]:
    """(operation, member, bad value, expected constraint text) for each top-level rule."""
    found = []
    model = _model()
    for operation in model.operation_names:
        shape = model.operation_model(operation).input_shape
        for name, member in shape.members.items():
            meta = member.metadata
            if "pattern" in meta:
                found.append((operation, name, "?!", "regular expression pattern"))
            if "enum" in meta:
                found.append((operation, name, "Nope", "enum value set"))
            if member.type_name == "string" and "max" in meta:
                found.append((operation, name, "A" * (meta["max"] + 1), "length less than"))
            if member.type_name == "integer" and "max" in meta:
                found.append((operation, name, meta["max"] + 1, "value less than"))
    return found


VIOLATIONS = _violations()


def test_the_model_has_constraints_to_check() -> None:
    assert len(VIOLATIONS) > 40  # every operation's WorkerId, HITId, MaxResults, enums...


@pytest.mark.evidence("validation.model-constraints", "validation.from-the-model")
@pytest.mark.parametrize(
    ("operation", "member", "value", "constraint"),
    VIOLATIONS,
    ids=[f"{op}.{member}" for op, member, _, _ in VIOLATIONS],
)
def test_every_constraint_of_the_model_is_enforced(
    mturk_sandbox: MTurkClient, operation: str, member: str, value: Any, constraint: str
) -> None:
    shape = _model().operation_model(operation).input_shape
    request = _valid(shape)
    request[member] = value
    message = validation_message(
        mturk_sandbox, lambda: getattr(mturk_sandbox, xform_name(operation))(**request)
    )
    camel = member[0].lower() + member[1:]
    assert f"at '{camel}' failed to satisfy constraint: Member must" in message
    assert constraint in message


# --- MTurk's own checks ------------------------------------------------------------------


@pytest.mark.evidence("validation.parameter-validation-error", "validation.range-wording")
@pytest.mark.parametrize(
    ("name", "value", "low", "high"),
    [
        ("LifetimeInSeconds", 29, 30, 31536000),
        ("AssignmentDurationInSeconds", 31536001, 30, 31536000),
        ("AutoApprovalDelayInSeconds", 2592001, 0, 2592000),
        ("MaxAssignments", 1000001, 1, 1000000),
    ],
)
def test_out_of_range_values_are_parameter_validation_errors(
    mturk_sandbox: MTurkClient, name: str, value: int, low: int, high: int
) -> None:
    message, parameter = parameter_error(
        mturk_sandbox, lambda: mturk_sandbox.create_hit(**hit_args(**{name: value}))
    )
    assert message == (
        f"The value {value} is invalid for {name}. Valid values range from {low} to {high}."
    )
    assert parameter == name


@pytest.mark.evidence("workers.unknown-worker")
def test_an_unknown_well_formed_worker_is_refused(
    mturk_sandbox: MTurkClient, mturk_fake: MTurkFake
) -> None:
    message, parameter = parameter_error(
        mturk_sandbox,
        lambda: mturk_sandbox.create_worker_block(WorkerId="A143XRCI1YXAFE", Reason="Spam."),
    )
    # aws/aws-sdk-java#2055: 'The value "REDACTED" is not valid for the parameter WorkerId.'
    assert (message, parameter) == (
        'The value "A143XRCI1YXAFE" is not valid for the parameter WorkerId.',
        "WorkerId",
    )
    mturk_fake.add_worker("A143XRCI1YXAFE", sandbox=True)
    mturk_sandbox.create_worker_block(WorkerId="A143XRCI1YXAFE", Reason="Spam.")
    # Workers of one environment are unknown in the other (a production worker in the sandbox).
    production = mturk_fake.marketplace(sandbox=False)
    assert "A143XRCI1YXAFE" not in production.workers


@pytest.mark.evidence("validation.bad-xml")
def test_bad_xml_is_a_parameter_validation_error_naming_the_parameter(
    mturk_sandbox: MTurkClient,
) -> None:
    message, parameter = parameter_error(
        mturk_sandbox,
        lambda: mturk_sandbox.create_qualification_type(
            Name="Quiz",
            Description="A quiz.",
            QualificationTypeStatus="Active",
            Test="<QuestionForm>",
            TestDurationInSeconds=60,
        ),
    )
    assert (message, parameter) == (
        'The value "<QuestionForm>" is not valid for the parameter Test.',
        "Test",
    )


# The validator on rules the mturk model does not use today (so that a future model
# that adds them is enforced too), and on values botocore would never send.

SYNTHETIC = ShapeResolver(
    {
        "Request": {
            "type": "structure",
            "members": {
                "Names": {"shape": "Names"},
                "Code": {"shape": "Code"},
                "Count": {"shape": "Count"},
                "Flag": {"shape": "Flag"},
                "Inner": {"shape": "Inner"},
            },
        },
        "Names": {"type": "list", "member": {"shape": "Code"}, "min": 1, "max": 2},
        "Code": {"type": "string", "min": 2},
        "Count": {"type": "integer", "min": 1},
        "Flag": {"type": "boolean"},
        "Inner": {"type": "structure", "members": {"Code": {"shape": "Code"}}},
    }
).get_shape_by_name("Request")


@pytest.mark.evidence("validation.from-the-model")
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"Names": []}, "Value '[]' at 'names' failed to satisfy constraint: Member must have "
         "length greater than or equal to 1"),
        ({"Names": ["ab", "cd", "ef"]}, "Value '[ab, cd, ef]' at 'names' failed to satisfy "
         "constraint: Member must have length less than or equal to 2"),
        ({"Names": ["x"]}, "Value 'x' at 'names.1.member' failed to satisfy constraint: "
         "Member must have length greater than or equal to 2"),
        ({"Names": "ab"}, "Value 'ab' at 'names' failed to satisfy constraint: Member must be "
         "of type list"),
        ({"Code": True}, "Value 'true' at 'code' failed to satisfy constraint: Member must be "
         "of type string"),
        ({"Count": 0}, "Value '0' at 'count' failed to satisfy constraint: Member must have "
         "value greater than or equal to 1"),
        ({"Flag": "yes"}, "Value 'yes' at 'flag' failed to satisfy constraint: Member must be "
         "of type boolean"),
        ({"Inner": "ab"}, "Value 'ab' at 'inner' failed to satisfy constraint: Member must be "
         "of type structure"),
        ({"Inner": {"Code": "x"}}, "Value 'x' at 'inner.code' failed to satisfy constraint: "
         "Member must have length greater than or equal to 2"),
    ],
)  # fmt: skip
def test_the_validator_reads_every_kind_of_rule(value: dict[str, Any], problem: str) -> None:
    assert request_problems(SYNTHETIC, value) == [problem]
    assert request_problems(SYNTHETIC, {"Names": ["ab"], "Count": 1, "Flag": False}) == []
