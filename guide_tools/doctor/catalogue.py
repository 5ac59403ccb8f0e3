"""Every problem the doctor can report: its code, cause, fix and the errors that lead to it.

This tuple is the one source of truth. The doctor prints from it, and the
Troubleshooting page (``docs/troubleshooting.md``) is generated from it by
``site_content/markdown.py``, so the page and the tool can never disagree. Codes are
stable: a code, once published, keeps its meaning, and a retired code is never
reused. Texts in backticks are literal: what you type, click or see.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Literal

from guide_tools import constants
from mturk_emulator.constants import (
    BAD_SIGNATURE_MESSAGE,
    INSUFFICIENT_FUNDS_MESSAGE,
    NOT_LINKED_MESSAGE,
    UNKNOWN_KEY_MESSAGE,
)

Label = Literal["documented", "observed", "inferred"]
LABELS: Final[tuple[Label, ...]] = ("documented", "observed", "inferred")


class Severity(StrEnum):
    WARN = "warn"  # the setup works, but something will bite later
    FAIL = "fail"  # this step of the setup is broken
    ERROR = "error"  # the doctor could not find out


@dataclass(frozen=True)
class Evidence:
    """How we know: the same three labels as the emulator's fidelity ledger.

    * ``documented``: an AWS page, botocore's service model or the source of botocore
      or the AWS CLI says so;
    * ``observed``: a public report shows the real service answering so;
    * ``inferred``: neither; our reading, and ``source`` gives the reasoning.
    """

    label: Label
    source: str  # a web address, a file in botocore or the AWS CLI, or the reasoning


def documented(source: str) -> Evidence:
    return Evidence("documented", source)


def observed(source: str) -> Evidence:
    return Evidence("observed", source)


def inferred(reasoning: str) -> Evidence:
    return Evidence("inferred", reasoning)


@dataclass(frozen=True)
class AwsError:
    """An error text a reader may have seen, what printed it, and how we know its words."""

    source: str  # "STS", "MTurk", "botocore" (Python), "AWS CLI"
    name: str  # the error code, or botocore's exception name
    message: str  # word for word; <angle brackets> mark the parts that vary
    evidence: Evidence


@dataclass(frozen=True)
class Problem:
    code: str
    title: str
    severity: Severity
    cause: str
    fix: str
    page: str  # the guide page that explains the fix, relative to the guide's address
    evidence: Evidence  # for the cause
    errors: tuple[AwsError, ...] = ()


PAGES: Final = {
    "store-keys/": "Store your keys",
    "iam-user/": "Create an IAM user",
    "link-aws/": "Link AWS to MTurk",
    "sandbox/": "Set up the sandbox",
    "check-setup/": "Check your setup",
    "payments/": "Pay for HITs",
    "security/": "Keep your keys safe",
    "troubleshooting/": "Troubleshooting",
}
"""The guide pages a fix can point to, with their titles in the site's navigation."""

STEPS: Final = {
    "1": "The key on this computer",
    "2": "Who AWS says you are",
    "3": "What the key may do in MTurk",
    "4": "Region",
    "5": "The sandbox",
    "6": "Production",
    "9": "The doctor could not find out",
}
"""The step of the setup each hundred of codes is about (MT1xx: the key, ...)."""

BAD_SIGNATURE = BAD_SIGNATURE_MESSAGE
UNKNOWN_KEY = UNKNOWN_KEY_MESSAGE
NOT_LINKED = NOT_LINKED_MESSAGE
NOT_AUTHORIZED = (
    "User: arn:aws:iam::<account>:user/<name> is not authorized to perform: "
    "mechanicalturk:{action} because no identity-based policy allows the "
    "mechanicalturk:{action} action"
)

_FROM_CSV = (
    "Store the key again from the `.csv` file you downloaded when you created it, "
    "with the command on the *Store your keys* page, instead of copying it by hand."
)
_NEW_KEY = (
    "AWS shows a secret only once: if you no longer have the file, open the IAM console, "
    "choose **Users**, your MTurk user, the **Security credentials** tab, "
    "**Create access key**, store the new key, then delete the old one."
)
_FULL_ACCESS = (
    "Open the IAM console, choose **Users**, your MTurk user, the **Permissions** tab, "
    "**Add permissions**, **Attach policies directly**; tick "
    f"`{constants.FULL_ACCESS_POLICY}` and choose **Add permissions**."
)
_LINK = (
    "While MTurk was open, a requester signed in at {developer_page} with their Requester "
    "account, chose **Link your AWS Account**, signed in with the root user of the AWS "
    "account whose number the doctor shows on its Identity line, and waited a few minutes "
    "before running the doctor again. That site has closed; in practice mode the guide's "
    "steps link the emulated accounts for you."
)

# --- evidence shared by several entries ----------------------------------------------------

CLI_FILES_PAGE = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html"
MEPHISTO_759 = "https://github.com/facebookresearch/Mephisto/issues/759"


def botocore_source(name: str) -> Evidence:
    """A message botocore itself prints: its words are in botocore's source."""
    return documented(f"botocore's source, `botocore/exceptions.py`, class `{name}`")


STS_UNKNOWN_KEY = AwsError(
    "STS",
    "InvalidClientTokenId",
    UNKNOWN_KEY,
    observed(
        "https://github.com/cloudyr/aws.iam/issues/15 (IAM's answer; IAM and STS share "
        "their error texts)"
    ),
)
MTURK_UNKNOWN_KEY = AwsError(
    "MTurk",
    "UnrecognizedClientException",
    UNKNOWN_KEY,
    observed(
        "https://github.com/aws-azure-login/aws-azure-login/issues/37 (another AWS service "
        "of MTurk's JSON kind; no copy from MTurk itself was found)"
    ),
)
STS_BAD_SIGNATURE = AwsError(
    "STS",
    "SignatureDoesNotMatch",
    BAD_SIGNATURE,
    observed(
        "https://github.com/bhushankummar/amazon-mws/issues/162 (the same words from another "
        "AWS service of STS's XML kind; no copy from STS itself was found)"
    ),
)
MTURK_BAD_SIGNATURE = AwsError(
    "MTurk",
    "InvalidSignatureException",
    BAD_SIGNATURE,
    observed(
        "https://github.com/smithy545/aws-apps-scripts/issues/12 (another AWS service of "
        "MTurk's JSON kind; no copy from MTurk itself was found)"
    ),
)

CATALOGUE: Final[tuple[Problem, ...]] = (
    # --- 1xx: the key on this computer (no network needed) ---------------------------
    Problem(
        code="MT101",
        title="No access key found",
        severity=Severity.FAIL,
        cause="No AWS access key was found in the profile the doctor checked, "
        "nor anywhere else AWS tools look for one.",
        fix="Store the key from your IAM user's `.csv` file as a profile named `mturk`, "
        "as the *Store your keys* page shows. If you stored it under another name, run "
        "the doctor with `--profile` followed by that name.",
        page="store-keys/",
        evidence=documented(CLI_FILES_PAGE + " (where AWS tools look for keys)"),
        errors=(
            AwsError(
                "botocore",
                "NoCredentialsError",
                "Unable to locate credentials",
                botocore_source("NoCredentialsError"),
            ),
            AwsError(
                "AWS CLI",
                "NoCredentialsError",
                'Unable to locate credentials. You can configure credentials by running "aws '
                'configure".',
                documented("the AWS CLI's source, `awscli/clidriver.py`"),
            ),
        ),
    ),
    Problem(
        code="MT102",
        title="Profile not found",
        severity=Severity.FAIL,
        cause="There is no profile of that name in your AWS credentials file or config file.",
        fix="Check the spelling: profile names are case-sensitive. Your profiles are the "
        "names in square brackets in the file `credentials` in the `.aws` folder of your "
        "home folder. If yours is not there, store your key again under that name. If the "
        "name comes from the `AWS_PROFILE` environment variable, correct or remove it.",
        page="store-keys/",
        evidence=documented(CLI_FILES_PAGE),
        errors=(
            AwsError(
                "botocore",
                "ProfileNotFound",
                "The config profile (<name>) could not be found",
                botocore_source("ProfileNotFound"),
            ),
        ),
    ),
    Problem(
        code="MT103",
        title="Credentials or config file cannot be read",
        severity=Severity.FAIL,
        cause="An AWS credentials or config file is not in the format AWS tools read, or a "
        "setting in it could not be used, so no key can be read from it.",
        fix="Open the file the doctor names in a plain-text editor (Notepad or TextEdit, not "
        "a word processor). Each profile starts with its name in square brackets, such as "
        "`[mturk]`, followed by lines of the form `name = value`. Remove anything else, such "
        "as key lines above the first name in brackets or a line that appears twice, and "
        "save it as plain text. Or rename the file and store your key again.",
        page="store-keys/",
        evidence=documented(
            "botocore's source, `botocore/configloader.py` (the files are read with Python's "
            "configparser)"
        ),
        errors=(
            AwsError(
                "botocore",
                "ConfigParseError",
                "Unable to parse config file: <path>",
                botocore_source("ConfigParseError"),
            ),
        ),
    ),
    Problem(
        code="MT104",
        title="Key id or secret missing",
        severity=Severity.FAIL,
        cause="The profile has an access key id without a secret access key, or a secret "
        "without an id, or one of them is empty.",
        fix="Open the credentials file and check that the profile has both lines, each with "
        "a value: `aws_access_key_id = ...` and `aws_secret_access_key = ...`. Start each "
        "line at the left edge: a line that begins with a space counts as part of the line "
        "above it. " + _NEW_KEY,
        page="store-keys/",
        evidence=documented(CLI_FILES_PAGE),
        errors=(
            AwsError(
                "botocore",
                "PartialCredentialsError",
                "Partial credentials found in shared-credentials-file, missing: "
                "aws_secret_access_key",
                botocore_source("PartialCredentialsError"),
            ),
        ),
    ),
    Problem(
        code="MT105",
        title="Extra characters in the key",
        severity=Severity.FAIL,
        cause="The key id or the secret contains spaces, quote marks or invisible characters, "
        "usually picked up when copying and pasting.",
        fix=_FROM_CSV + " If you edit the credentials file yourself, type the values without "
        "quote marks and without spaces inside them.",
        page="store-keys/",
        evidence=inferred(
            "keys are letters, digits, `/` and `+` only (AWS's documented example keys), so "
            "anything else was added on the way; the signature then cannot match"
        ),
        errors=(STS_BAD_SIGNATURE, MTURK_BAD_SIGNATURE, STS_UNKNOWN_KEY),
    ),
    Problem(
        code="MT106",
        title="Key id and secret swapped",
        severity=Severity.FAIL,
        cause="The value stored as the access key id looks like a secret access key, and the "
        "secret looks like a key id.",
        fix="The Access key ID is the 20-character value that begins `AKIA`; the Secret "
        "access key is the 40-character one. " + _FROM_CSV,
        page="store-keys/",
        evidence=inferred("the two values have the shapes of each other's"),
        errors=(STS_UNKNOWN_KEY, MTURK_UNKNOWN_KEY),
    ),
    Problem(
        code="MT107",
        title="Unusual access key id",
        severity=Severity.WARN,
        cause="The access key id is not 20 capital letters and digits beginning `AKIA`, the "
        "shape an IAM user's key has. AWS may still accept it; the Identity check says.",
        fix="Compare it with the Access key ID column of your `.csv` file, or with the keys "
        "listed on your IAM user's **Security credentials** tab in the IAM console. If they "
        "differ, store the key again from the `.csv` file.",
        page="store-keys/",
        evidence=documented(
            "botocore's IAM model, shape `accessKeyIdType` (16 to 128 characters), and the "
            "IAM user guide (long-term key ids begin `AKIA`)"
        ),
        errors=(STS_UNKNOWN_KEY,),
    ),
    Problem(
        code="MT108",
        title="Secret access key has the wrong shape",
        severity=Severity.FAIL,
        cause="A secret access key is 40 characters long, made of letters, digits, `/` and "
        "`+`. This one is not, so part of it was lost or added when it was copied.",
        fix=_FROM_CSV + " " + _NEW_KEY,
        page="store-keys/",
        evidence=inferred(
            "every secret AWS has issued has this shape, as its documented example key does; "
            "no AWS page states the length"
        ),
        errors=(STS_BAD_SIGNATURE,),
    ),
    Problem(
        code="MT109",
        title="Key file readable by others",
        severity=Severity.WARN,
        cause="Other accounts on this computer can read the file that holds your secret "
        "access key.",
        fix="Make the file readable only by you: in a terminal, run `chmod 600` followed by "
        "a space and the file's path, as the doctor prints it.",
        page="security/",
        evidence=inferred("the file's permission bits, as the operating system reports them"),
    ),
    Problem(
        code="MT110",
        title="Temporary credentials",
        severity=Severity.FAIL,
        cause="These are temporary credentials (they come with a session token, or the key id "
        "begins `ASIA`), from a role, single sign-on or a session. MTurk accepts only the "
        "long-term access key of an IAM user.",
        fix="Create an IAM user with the MTurk policy and an access key (the *Create an IAM "
        "user* page), store that key as your `mturk` profile, and remove any "
        "`aws_session_token` line from the profile. If the key comes from environment "
        "variables, unset `AWS_SESSION_TOKEN` too. If the profile signs in with single "
        "sign-on (`sso_` lines in the config file), use another profile for MTurk.",
        page="iam-user/",
        evidence=documented(
            "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkGettingStartedGuide"
            "/SetUp.html (MTurk does not support IAM role credentials)"
        ),
        errors=(
            AwsError(
                "MTurk",
                "UnrecognizedClientException",
                UNKNOWN_KEY,
                inferred(
                    "the answer AWS gives temporary keys where they are not accepted "
                    "(https://github.com/cloudyr/aws.iam/issues/15); no report of MTurk's "
                    "own answer was found"
                ),
            ),
            AwsError(
                "botocore",
                "SSOTokenLoadError",
                "Error loading SSO Token: Token for <start URL> does not exist",
                botocore_source("SSOTokenLoadError"),
            ),
            AwsError(
                "botocore",
                "UnauthorizedSSOTokenError",
                "The SSO session associated with this profile has expired or is otherwise "
                "invalid. To refresh this SSO session run aws sso login with the corresponding "
                "profile.",
                botocore_source("UnauthorizedSSOTokenError"),
            ),
        ),
    ),
    Problem(
        code="MT111",
        title="Access key id has the wrong shape",
        severity=Severity.FAIL,
        cause="An access key id is 16 to 128 letters and digits (20, beginning `AKIA`, for "
        "every key AWS has issued). This one is not, so AWS cannot know it.",
        fix=_FROM_CSV + " " + _NEW_KEY,
        page="store-keys/",
        evidence=documented(
            "botocore's IAM model, shape `accessKeyIdType`: 16 to 128 word characters"
        ),
        errors=(STS_UNKNOWN_KEY, MTURK_UNKNOWN_KEY),
    ),
    Problem(
        code="MT112",
        title="Credential helper failed",
        severity=Severity.FAIL,
        cause="The profile gets its key from a program, named in its `credential_process` "
        "setting, and that program failed: it ended with an error, gave no answer within the "
        "doctor's time, or printed something other than the credentials AWS tools expect. "
        "The doctor does not show what the program printed: it can contain a secret.",
        fix="Run the program named on the `credential_process` line in your config file "
        "yourself, and read its message where nobody is watching your screen. Or store the "
        "key from your `.csv` file as the `mturk` profile, as the *Store your keys* page "
        "shows, and check that profile instead.",
        page="store-keys/",
        evidence=documented(
            "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external"
            ".html (credentials from an external process)"
        ),
        errors=(
            AwsError(
                "botocore",
                "CredentialRetrievalError",
                "Error when retrieving credentials from custom-process: <what the program "
                "printed>",
                botocore_source("CredentialRetrievalError"),
            ),
        ),
    ),
    # --- 2xx: who AWS says you are ---------------------------------------------------
    Problem(
        code="MT201",
        title="AWS does not recognise the key",
        severity=Severity.FAIL,
        cause="AWS has no active access key with this id: it was deleted or made inactive, "
        "or it was mistyped.",
        fix="In the IAM console, choose **Users**, your MTurk user and the **Security "
        "credentials** tab, and compare the access keys listed there with the last four "
        "characters the doctor shows. If the key is listed as Inactive, choose **Actions**, "
        "**Activate**. If it is not listed, create a new access key and store it.",
        page="iam-user/",
        evidence=documented(
            "https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html "
            "(InvalidClientTokenId: the access key id does not exist in AWS's records)"
        ),
        errors=(STS_UNKNOWN_KEY, MTURK_UNKNOWN_KEY),
    ),
    Problem(
        code="MT202",
        title="Secret access key does not match",
        severity=Severity.FAIL,
        cause="AWS knows the access key id, but the secret access key stored with it is "
        "not the one that belongs to it.",
        fix=_FROM_CSV + " " + _NEW_KEY,
        page="store-keys/",
        evidence=inferred(
            "AWS checks a request's signature, made with the secret, after it has found the "
            "key id; the message names the secret"
        ),
        errors=(STS_BAD_SIGNATURE, MTURK_BAD_SIGNATURE),
    ),
    Problem(
        code="MT203",
        title="Computer clock is wrong",
        severity=Severity.FAIL,
        cause="Your computer's clock is more than five minutes away from AWS's, so AWS "
        "treats every request as expired, or as not yet valid.",
        fix="Turn on automatic date and time in your computer's settings (Windows: "
        "**Settings**, **Time & language**, **Set time automatically**; macOS: **System "
        "Settings**, **General**, **Date & Time**, **Set time and date automatically**), "
        "check the time zone, then run the doctor again.",
        page="check-setup/",
        evidence=observed(
            "https://github.com/m0ngr31/kanzi/issues/270 (the five minutes are in AWS's own "
            "message)"
        ),
        errors=(
            AwsError(
                "MTurk",
                "InvalidSignatureException",
                "Signature expired: <time> is now earlier than <time> (<time> - 5 min.)",
                observed(
                    "https://github.com/m0ngr31/kanzi/issues/270 (Rekognition, another AWS "
                    "service of MTurk's JSON kind; no copy from MTurk itself was found)"
                ),
            ),
            AwsError(
                "MTurk",
                "InvalidSignatureException",
                "Signature not yet current: <time> is still later than <time> (<time> + 5 min.)",
                observed(
                    "https://github.com/serverless/enterprise/issues/11 (another AWS service; "
                    "no copy from MTurk itself was found)"
                ),
            ),
        ),
    ),
    Problem(
        code="MT204",
        title="Root user's key",
        severity=Severity.WARN,
        cause="This key belongs to the AWS account's root user, which can do anything in the "
        "account, including closing it. MTurk accepts it, but a leak would cost you the "
        "whole account.",
        fix="Create an IAM user for MTurk with its own access key (the *Create an IAM user* "
        "page), store that key instead, then delete the root key: in the AWS console, open "
        "the menu under your account name (top right), choose **Security credentials**, and "
        "under **Access keys** choose **Actions**, **Delete**.",
        page="iam-user/",
        evidence=documented(
            "the IAM user guide's root user best practices: do not create root access keys"
        ),
    ),
    # --- 3xx: what the key may do in MTurk --------------------------------------------
    Problem(
        code="MT301",
        title="No permission to use MTurk",
        severity=Severity.FAIL,
        cause="The IAM user behind the key has no policy that allows MTurk actions.",
        fix=_FULL_ACCESS + " The change can take a minute to apply.",
        page="iam-user/",
        evidence=documented(
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_evaluation-logic.html (without an Allow, IAM denies)"
        ),
        errors=(
            AwsError(
                "MTurk",
                "AccessDeniedException",
                NOT_AUTHORIZED.format(action="GetAccountBalance"),
                inferred(
                    "MTurk's form of the message is known from an explicit deny "
                    f"({MEPHISTO_759}), "
                    "the words for a missing policy from other AWS services; no report of "
                    "MTurk's own answer was found"
                ),
            ),
            AwsError(
                "MTurk",
                "RequestError",
                "This user is not authorized to perform the requested operation.",
                observed(
                    "https://github.com/ryantate/rturk/issues/33 (MTurk's old XML interface, "
                    "retired in 2019; there the cause turned out to be a wrong secret)"
                ),
            ),
        ),
    ),
    Problem(
        code="MT302",
        title="Read-only MTurk permission",
        severity=Severity.WARN,
        cause="The key may read (your balance, lists of HITs) but not write, as with the "
        f"`{constants.READ_ONLY_POLICY}` policy: CloudResearch and your scripts cannot "
        "create HITs, approve work or pay bonuses with it.",
        fix=_FULL_ACCESS + f" You can then remove `{constants.READ_ONLY_POLICY}`.",
        page="iam-user/",
        evidence=documented(
            f"the AWS managed policy `{constants.READ_ONLY_POLICY}` (its actions are "
            "`Get*` and `List*` only)"
        ),
        errors=(
            AwsError(
                "MTurk",
                "AccessDeniedException",
                NOT_AUTHORIZED.format(action="CreateHIT"),
                inferred(
                    f"as for MT301: MTurk's form from {MEPHISTO_759}, the words for a missing "
                    "policy from other AWS services"
                ),
            ),
        ),
    ),
    Problem(
        code="MT303",
        title="MTurk explicitly denied",
        severity=Severity.FAIL,
        cause="A policy denies MTurk actions to this key. A deny beats any allow, so "
        "attaching more policies does not help.",
        fix="In the IAM console, open your MTurk user's **Permissions** tab and look for a "
        "policy with a `Deny` statement that covers `mechanicalturk` actions (or `*`); "
        "remove the statement or detach the policy. If the message says *service control "
        "policy*, the deny comes from your organisation: ask its AWS administrator.",
        page="iam-user/",
        evidence=documented(
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
            "reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html "
            "(a Deny beats any Allow)"
        ),
        errors=(
            AwsError(
                "MTurk",
                "AccessDeniedException",
                "User: arn:aws:iam::<account>:user/<name> is not authorized to perform: "
                "mechanicalturk:<action> with an explicit deny in an identity-based policy",
                inferred(
                    f"MTurk's form from {MEPHISTO_759}, the words for an identity-based "
                    "policy from other AWS services"
                ),
            ),
            AwsError(
                "MTurk",
                "AccessDeniedException",
                "User: arn:aws:iam::<account>:user/<name> is not authorized to perform: "
                "mechanicalturk:<action> with an explicit deny in a service control policy",
                observed(MEPHISTO_759),
            ),
        ),
    ),
    # --- 4xx: region ----------------------------------------------------------------------
    Problem(
        code="MT401",
        title=f"Region is not {constants.REGION}",
        severity=Severity.WARN,
        cause=f"Your profile names another region, but MTurk's API exists only in "
        f"`{constants.REGION}`. The guide's scripts and the doctor name `{constants.REGION}` "
        "themselves; tools that follow your profile's region fail.",
        fix="Run `aws configure --profile mturk` (with your profile's name), press Enter to "
        f"keep the key, and type `{constants.REGION}` at the `Default region name` prompt. "
        f"If the `AWS_DEFAULT_REGION` environment variable is set, set it to "
        f"`{constants.REGION}` too.",
        page="store-keys/",
        evidence=documented(
            f"botocore's endpoint data: the `mturk` service has one region, `{constants.REGION}`"
        ),
        errors=(
            AwsError(
                "MTurk",
                "InvalidSignatureException",
                "Credential should be scoped to a valid region, not '<region>'.",
                observed("https://github.com/jcjohnson/simple-amt/issues/29"),
            ),
            AwsError(
                "botocore",
                "EndpointConnectionError",
                'Could not connect to the endpoint URL: "https://mturk-requester.<region>'
                '.amazonaws.com/"',
                botocore_source("EndpointConnectionError"),
            ),
        ),
    ),
    # --- 5xx: the sandbox; 6xx: production ---------------------------------------------
    Problem(
        code="MT501",
        title="Sandbox not linked",
        severity=Severity.FAIL,
        cause="The AWS account behind your key is not linked to a Requester Sandbox account. "
        "The sandbox is linked separately from production.",
        fix=_LINK.format(developer_page=constants.SANDBOX_DEVELOPER_PAGE),
        page="sandbox/",
        evidence=documented(
            "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkRequester/"
            "mturk-use-sandbox.html"
        ),
        errors=(
            AwsError(
                "MTurk",
                "RequestError",
                NOT_LINKED.format(developer_page=constants.SANDBOX_DEVELOPER_PAGE),
                observed("https://github.com/nodeGame/nodegame/issues/132"),
            ),
        ),
    ),
    Problem(
        code="MT601",
        title="Production not linked",
        severity=Severity.FAIL,
        cause="The AWS account behind your key is not linked to your production Requester "
        "account, or the key belongs to an IAM user in a different AWS account.",
        fix=_LINK.format(developer_page=constants.PRODUCTION_DEVELOPER_PAGE),
        page="link-aws/",
        evidence=documented(
            f"{constants.PRODUCTION_DEVELOPER_PAGE} is where an AWS account is linked to a "
            "production Requester account (AWS's MTurk setup guide)"
        ),
        errors=(
            AwsError(
                "MTurk",
                "RequestError",
                NOT_LINKED.format(developer_page=constants.PRODUCTION_DEVELOPER_PAGE),
                inferred(
                    "the sandbox's message (https://github.com/nodeGame/nodegame/issues/132) "
                    "with production's Developer page; no copy of production's message was "
                    "found"
                ),
            ),
        ),
    ),
    Problem(
        code="MT602",
        title="No money in production",
        severity=Severity.WARN,
        cause="Your production balance is $0.00, so MTurk refuses to post HITs or pay "
        "bonuses. The sandbox is free; production is not.",
        fix=f"While MTurk was open, a requester bought prepaid HITs at "
        f"{constants.PRODUCTION_REQUESTER_SITE}, as the *Pay for HITs* page explains, "
        "budgeting for the rewards, any bonuses and MTurk's fee on both. AWS Billing was "
        "the other way to pay: its spending-limit review could hold launches, and "
        "CloudResearch called turning it on irreversible. The site has closed; practice "
        "mode's `payments` step estimates a study's cost.",
        page="payments/",
        evidence=documented(
            "botocore's MTurk model, `ApproveAssignment`: without adequate funds the call "
            "returns an exception"
        ),
        errors=(
            AwsError(
                "MTurk",
                "RequestError",
                INSUFFICIENT_FUNDS_MESSAGE,
                observed("https://github.com/facebookresearch/Mephisto/issues/342"),
            ),
        ),
    ),
    # --- 9xx: the doctor could not find out ---------------------------------------------
    Problem(
        code="MT901",
        title="Cannot reach AWS",
        severity=Severity.ERROR,
        cause="The doctor could not connect to AWS: no internet connection, a firewall, or a "
        "service that no longer answers (MTurk closed on "
        f"{constants.SERVICE_CLOSED_ON:%B} {constants.SERVICE_CLOSED_ON.day}, "
        f"{constants.SERVICE_CLOSED_ON.year}).",
        fix="Check that this computer can open https://aws.amazon.com in a web browser. On a "
        "university or company network, ask the IT department whether connections to "
        "`amazonaws.com` are allowed, or try another network. Then run the doctor again.",
        page="check-setup/",
        evidence=documented(
            "botocore's source: these errors are raised before any answer from AWS"
        ),
        errors=(
            AwsError(
                "botocore",
                "EndpointConnectionError",
                'Could not connect to the endpoint URL: "<url>"',
                botocore_source("EndpointConnectionError"),
            ),
            AwsError(
                "botocore",
                "ConnectTimeoutError",
                'Connect timeout on endpoint URL: "<url>"',
                botocore_source("ConnectTimeoutError"),
            ),
            AwsError(
                "botocore",
                "ReadTimeoutError",
                'Read timeout on endpoint URL: "<url>"',
                botocore_source("ReadTimeoutError"),
            ),
            AwsError(
                "botocore",
                "SSLError",
                "SSL validation failed for <url> <reason>",
                botocore_source("SSLError"),
            ),
        ),
    ),
    Problem(
        code="MT902",
        title="Proxy connection failed",
        severity=Severity.ERROR,
        cause="This computer is set to reach the web through a proxy (the `HTTPS_PROXY` or "
        "`HTTP_PROXY` environment variable), and the doctor could not connect through it.",
        fix="Ask your IT department for the right proxy address and set it, or unset "
        "`HTTPS_PROXY` and `HTTP_PROXY` if you no longer need a proxy. Then run the doctor "
        "again.",
        page="check-setup/",
        evidence=documented("botocore's source, `botocore/exceptions.py`"),
        errors=(
            AwsError(
                "botocore",
                "ProxyConnectionError",
                'Failed to connect to proxy URL: "<proxy>"',
                botocore_source("ProxyConnectionError"),
            ),
        ),
    ),
    Problem(
        code="MT903",
        title="MTurk had a temporary fault",
        severity=Severity.ERROR,
        cause="MTurk answered that it could not process the request just then. The fault is "
        "on MTurk's side, not in your setup.",
        fix="Wait a few minutes, then run the doctor again.",
        page="check-setup/",
        evidence=documented("botocore's MTurk model, shape `ServiceFault`"),
        errors=(
            AwsError(
                "MTurk",
                "ServiceFault",
                "Amazon Mechanical Turk is temporarily unable to process your request. "
                "Try your call again.",
                documented("botocore's MTurk model, shape `ServiceFault`"),
            ),
        ),
    ),
    Problem(
        code="MT999",
        title="Unrecognised answer from AWS",
        severity=Severity.ERROR,
        cause="AWS refused a request with an error the doctor does not know.",
        fix="Look for the message the doctor printed after `Error:` on this page: site "
        "search finds error texts. If you ask someone for help, send them the output of the "
        "doctor with `--json`: it never contains your secret access key.",
        page="troubleshooting/",
        evidence=inferred("any answer the codes above do not cover"),
    ),
)

_BY_CODE: Final = {problem.code: problem for problem in CATALOGUE}


def step(code: str) -> str:
    """The step of the setup a code belongs to."""
    return STEPS[code[2]]


def problem(code: str) -> Problem:
    """The catalogue entry for ``code`` (a ``KeyError`` for a code that does not exist)."""
    return _BY_CODE[code]
