"""Rules about who may call: signatures, credentials, IAM policy evaluation and STS.

Implemented in ``mturk_emulator/auth.py`` (MTurk's door), ``moto_iam.py`` (moto's
IAM and STS) and ``iam_policy.py`` (the evaluator); pinned by
``tests/emulator/test_auth.py`` and ``tests/emulator/test_iam_policy.py``.
"""

from __future__ import annotations

from . import Rule

IAM_GUIDE = "https://docs.aws.amazon.com/IAM/latest/UserGuide"
EVALUATION = f"{IAM_GUIDE}/reference_policies_evaluation-logic_AccessPolicyLanguage_Interplay.html"
OPERATORS = f"{IAM_GUIDE}/reference_policies_elements_condition_operators.html"
NOT_RESOURCE = f"{IAM_GUIDE}/reference_policies_elements_notresource.html"
KEYS_TABLE = (
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
    "apigateway-resource-policies-aws-condition-keys.html"
)

RULES: tuple[Rule, ...] = (
    # --- the signature -----------------------------------------------------------
    Rule(
        "auth.clock-expired",
        "A request signed more than five minutes before the service's clock is refused with "
        "InvalidSignatureException 'Signature expired: <date> is now earlier than ...'.",
        "observed",
        "https://github.com/m0ngr31/kanzi/issues/270",
        "Signature expired: 20180707T233021Z is now earlier than 20180710T071214Z "
        "(20180710T071714Z - 5 min.)",
    ),
    Rule(
        "auth.clock-not-yet",
        "A request signed more than five minutes after the service's clock is refused with "
        "InvalidSignatureException 'Signature not yet current: ...'.",
        "observed",
        "https://github.com/serverless/enterprise/issues/11",
        "Signature not yet current: 20181120T211543Z is still later than 20181120T211529Z "
        "(20181120T211029Z + 5 min.)",
    ),
    Rule(
        "auth.scope-service",
        "A request whose credential scope names another service than mturk-requester is "
        'refused at MTurk with InvalidSignatureException "Credential should be scoped to '
        "correct service: 'mturk-requester'. \" (the wording AWS's JSON services use; "
        "reported for AWS Batch).",
        "observed",
        "https://github.com/cllunsford/aws-signing-proxy/issues/25",
        '{"message":"Credential should be scoped to correct service: \'batch\'. "}',
    ),
    Rule(
        "auth.scope-service-query",
        "IAM and STS refuse a credential scope for another service with SignatureDoesNotMatch "
        "and the same wording, naming 'iam' or 'sts'.",
        "inferred",
        "The wording is the JSON services' (auth.scope-service); the code is the one these "
        "query-protocol services use for every other signature problem.",
    ),
    # --- temporary credentials ---------------------------------------------------
    Rule(
        "auth.mturk-no-temporary-credentials",
        "MTurk refuses temporary credentials (assumed roles, GetSessionToken sessions).",
        "documented",
        "https://docs.aws.amazon.com/AWSMechTurk/latest/AWSMechanicalTurkGettingStartedGuide/SetUp.html",
        "Please note that Mechanical Turk does not currently support the use of IAM role "
        "credentials.",
    ),
    Rule(
        "auth.mturk-temporary-error",
        "The refusal of temporary credentials at MTurk is UnrecognizedClientException "
        "'The security token included in the request is invalid.'.",
        "inferred",
        "No public report of MTurk's answer was found; this is the generic answer AWS's JSON "
        "services give for a token they cannot use (evidence.md section 11).",
    ),
    Rule(
        "auth.session-keys",
        "GetSessionToken returns a new access key id starting with ASIA, a new secret and a new "
        "session token on every call.",
        "documented",
        "botocore model: sts GetAccessKeyInfo",
        "Access key IDs beginning with ASIA are temporary credentials that are created using "
        "STS operations.",
    ),
    Rule(
        "auth.get-session-token-free",
        "GetSessionToken needs no permission: no policy grants or denies it.",
        "documented",
        "botocore model: sts GetSessionToken",
        "No permissions are required for users to perform this operation. ... You cannot use "
        "policies to control authentication operations.",
    ),
    Rule(
        "auth.get-caller-identity-free",
        "GetCallerIdentity needs no permission and succeeds even against an explicit deny.",
        "documented",
        "botocore model: sts GetCallerIdentity",
        "If an administrator attaches a policy to your identity that explicitly denies access to "
        "the sts:GetCallerIdentity action, you can still perform this operation.",
    ),
    Rule(
        "auth.session-duration",
        "Without DurationSeconds, a session lasts 12 hours for an IAM user and 1 hour for the "
        "root user.",
        "documented",
        "botocore model: sts GetSessionToken",
        "with a default of 43,200 seconds (12 hours). Credentials based on account credentials "
        "can range from 900 seconds (15 minutes) up to 3,600 seconds (1 hour), with a default "
        "of 1 hour.",
    ),
    Rule(
        "auth.session-permissions",
        "A session acts as the IAM user (or root user) who asked for it: GetCallerIdentity names "
        "that user, and the user's policies and boundary decide its requests.",
        "documented",
        "botocore model: sts GetSessionToken",
        "The temporary credentials have the same permissions as the IAM user.",
    ),
    Rule(
        "auth.session-no-iam",
        "IAM refuses session credentials with InvalidClientTokenId 'The security token included "
        "in the request is invalid.' (sessions here never carry MFA).",
        "observed",
        "https://github.com/cloudyr/aws.iam/issues/15",
        '$ Code   : chr "InvalidClientTokenId" $ Message: chr "The security token included in '
        'the request is invalid"',
    ),
    Rule(
        "auth.session-sts-only",
        "Session credentials may call no STS operation but AssumeRole and GetCallerIdentity; "
        "others are refused with AccessDenied 'Cannot call <Operation> with session "
        "credentials'.",
        "documented",
        "botocore model: sts GetSessionToken",
        "You cannot call any STS API except AssumeRole or GetCallerIdentity.",
    ),
    Rule(
        "auth.session-long-term-only",
        "GetSessionToken (and GetFederationToken) called with any temporary credentials is "
        "refused with AccessDenied 'Cannot call GetSessionToken with session credentials'.",
        "observed",
        "https://github.com/apache/hadoop/pull/6538",
        "StsException: Cannot call GetSessionToken with session credentials (Service: Sts, "
        "Status Code: 403, ...):AccessDenied",
    ),
    # --- policy evaluation -------------------------------------------------------
    Rule(
        "auth.explicit-deny-wins",
        "An applicable Deny statement in any policy refuses the request, whatever allows it.",
        "documented",
        EVALUATION,
        "If policies that apply to a request include an Allow statement and a Deny statement, "
        "the Deny statement trumps the Allow statement.",
    ),
    Rule(
        "auth.implicit-deny",
        "A request that no applicable statement allows is refused (implicit deny).",
        "documented",
        EVALUATION,
        "An implicit denial occurs when there is no applicable Deny statement but also no "
        "applicable Allow statement.",
    ),
    Rule(
        "auth.deny-only-never-grants",
        "A Deny statement never grants anything, with or without Resource (moto granted on any "
        "statement without Resource).",
        "documented",
        NOT_RESOURCE,
        "The following policy explicitly denies access to all Amazon S3 resources other than "
        "the listed resources. Note, however, that this policy does not grant the user access "
        "to any resources.",
    ),
    Rule(
        "auth.not-resource",
        "NotResource matches every resource except those listed; for MTurk, whose actions have "
        "no resource ('*'), it matches unless it lists '*'.",
        "documented",
        NOT_RESOURCE,
        "NotResource is an advanced policy element that explicitly matches every resource "
        "except those specified.",
    ),
    Rule(
        "auth.not-action",
        "NotAction matches every action except those listed, in Allow and in Deny statements.",
        "documented",
        f"{IAM_GUIDE}/reference_policies_elements_notaction.html",
        "NotAction is an advanced policy element that explicitly matches everything except the "
        "specified list of actions.",
    ),
    Rule(
        "auth.action-case",
        "Actions match without regard to case (MechanicalTurk:getaccountbalance is "
        "mechanicalturk:GetAccountBalance).",
        "documented",
        f"{IAM_GUIDE}/reference_policies_elements_action.html",
        "The prefix and the action name are case insensitive.",
    ),
    Rule(
        "auth.action-wildcards",
        "In actions and resources, * matches any run of characters and ? exactly one; every "
        "other character is literal.",
        "documented",
        "https://docs.aws.amazon.com/ja_jp/IAM/latest/UserGuide/reference_policies_elements_action.html",
        "複数文字一致ワイルドカード (*) と 1 文字一致ワイルドカード (?) を使用して",
    ),
    # --- conditions --------------------------------------------------------------
    Rule(
        "auth.condition-missing-key",
        "A condition on a key the request does not carry is false (so an Allow with it grants "
        "nothing, and a Deny with it denies nothing).",
        "documented",
        OPERATORS,
        "If the key that you specify in a policy condition is not present in the request "
        "context, the values do not match and the condition is false.",
    ),
    Rule(
        "auth.condition-if-exists",
        "An ...IfExists operator holds when the key is absent, and is checked as usual when it "
        "is present; Null is the other exception to auth.condition-missing-key.",
        "documented",
        OPERATORS,
        "This logic applies to all condition operators except …IfExists and Null check.",
    ),
    Rule(
        "auth.condition-negated-missing",
        "A negated operator (StringNotEquals, StringNotLike, NotIpAddress, ArnNotLike...) holds "
        "when the key is absent, and when present holds only if no policy value matches.",
        "inferred",
        "The negation of the positive operator, as the IAM simulator @cloud-copilot/iam-simulate "
        "documents it (iam.cloudcopilot.io, StringNotLike: the context key can be absent); the "
        "AWS sentence saying so was not retrieved.",
    ),
    Rule(
        "auth.condition-null",
        "Null with true holds when the key is absent; with false, when it is present.",
        "documented",
        "https://docs.amazonaws.cn/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html",
        "您可以在策略中包含一个值为 false 的 Null 条件运算符"
        "来检查请求中的上下文键是否存在且其值不为空",
    ),
    Rule(
        "auth.condition-for-all-values",
        "ForAllValues: holds when every request value matches a policy value, and when the key "
        "is absent; ForAnyValue: needs the key and one matching value.",
        "documented",
        "https://docs.aws.amazon.com/de_de/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.md",
        "Der ForAllValues-Satz-Operator gibt auch „true“ zurück, wenn die Anfrage keine "
        "Kontextschlüssel enthält.",
    ),
    Rule(
        "auth.condition-operators",
        "String (Equals, NotEquals, EqualsIgnoreCase, Like, NotLike), Numeric, Date (ISO 8601 "
        "or epoch seconds), Bool, BinaryEquals, IpAddress/NotIpAddress (CIDR) and Arn "
        "operators are evaluated; all operators of a block, and all keys of an operator, must "
        "hold, while any one of a key's values may match. An unknown operator never holds.",
        "inferred",
        "The operator families are those of AWS's Condition operators page (named in "
        "evidence.md section 12); the AND/OR reading follows the IAM guide's page on conditions "
        "with multiple keys or values, whose text was not retrieved here.",
    ),
    Rule(
        "auth.condition-keys-case",
        "Condition key names are matched without regard to case (aws:username is aws:UserName).",
        "documented",
        "https://docs.aws.amazon.com/es_es/IAM/latest/UserGuide/reference_policies_elements_condition.html",
        "Los nombres de las claves de contexto no distinguen entre mayúsculas y minúsculas.",
    ),
    Rule(
        "auth.mfa-absent-for-long-term-keys",
        "aws:MultiFactorAuthPresent is absent from requests signed with long-term access keys "
        "(an Allow requiring it to be true grants nothing; use BoolIfExists to deny).",
        "documented",
        KEYS_TABLE,
        "aws:MultiFactorAuthPresent | Key is present only in requests that are signed using "
        "temporary security credentials.",
    ),
    Rule(
        "auth.session-mfa-false",
        "Temporary credentials carry aws:MultiFactorAuthPresent false: the emulator checks no "
        "MFA code, so it never marks a session as MFA-authenticated.",
        "inferred",
        "Present for temporary credentials (auth.mfa-absent-for-long-term-keys); an emulated "
        "device's code cannot be verified, so the safe value is false.",
    ),
    Rule(
        "auth.secure-transport",
        "aws:SecureTransport is true for requests sent over HTTPS and false over plain HTTP, so "
        "the usual 'deny when SecureTransport is false' guardrail lets HTTPS calls through.",
        "documented",
        "https://raw.githubusercontent.com/aws-samples/resource-control-policy-examples/main/"
        "Restrict-resource-access-patterns/Restrict-access-to-only-HTTPS-connections-to-your-"
        "resources.json",
        '"Condition": { "BoolIfExists": { "aws:SecureTransport": "false" } }',
    ),
    Rule(
        "auth.policy-variables",
        "In policies of version 2012-10-17, policy variables such as ${aws:username} (with an "
        "optional default, ${aws:username, 'none'}) in Resource and in condition values take "
        "the request's value; where the request has none and no default is given, the element "
        "matches nothing. In version 2008-10-17 policies they are plain text.",
        "documented",
        f"{IAM_GUIDE}/reference_policies_variables.html",
        "Use AWS Identity and Access Management (IAM) policy variables as placeholders when you "
        "don't know the exact value of a resource or condition key when you write the policy.",
    ),
    Rule(
        "auth.global-keys",
        "Every signed request carries aws:CurrentTime and aws:EpochTime (the service's clock), "
        "aws:PrincipalArn (a role's ARN for its sessions), aws:PrincipalAccount, "
        "aws:PrincipalType, aws:userid, and for IAM users aws:username.",
        "documented",
        KEYS_TABLE,
        "aws:PrincipalArn | None | Yes | IAM",
    ),
    Rule(
        "auth.source-ip",
        "aws:SourceIp is 192.0.2.10 for every caller.",
        "inferred",
        "An emulated request has no public address; 192.0.2.10 is reserved for documentation "
        "(RFC 5737), so a policy naming a real network never matches it by accident.",
    ),
    Rule(
        "auth.requested-region",
        "aws:RequestedRegion is the region of the credential scope (us-east-1 for MTurk).",
        "inferred",
        "The region a request is signed for is the region it is sent to; MTurk only accepts "
        "us-east-1 (account.region).",
    ),
    # --- boundaries and refusals -------------------------------------------------
    Rule(
        "auth.boundary-intersection",
        "A permissions boundary on a user or role limits it to what both its identity "
        "policies and the boundary allow; IAM users get PutUserPermissionsBoundary, "
        "DeleteUserPermissionsBoundary and CreateUser's PermissionsBoundary.",
        "documented",
        f"{IAM_GUIDE}/access_policies_boundaries.html",
        "An entity's permissions boundary allows it to perform only the actions that are "
        "allowed by both its identity-based policies and its permissions boundaries.",
    ),
    Rule(
        "auth.boundary-no-allow",
        "A request the identity policies allow but the boundary does not is refused '... "
        "because no permissions boundary allows the <action> action'.",
        "observed",
        "https://github.com/nebari-dev/nebari/issues/2152",
        "because no permissions boundary allows the ec2:CreateRole action.",
    ),
    Rule(
        "auth.boundary-explicit-deny",
        "A Deny in the boundary refuses '... with an explicit deny in a permissions boundary'.",
        "inferred",
        "Wording seen in a public IAM lab transcript (evidence.md section 12, no citable URL); "
        "it follows the identity-based form.",
    ),
    Rule(
        "auth.identity-wording",
        "Refusals by identity policies end '... with an explicit deny in an identity-based "
        "policy' or '... because no identity-based policy allows the <action> action'; an "
        "explicit deny is reported before a missing allow, identity policies before the "
        "boundary.",
        "inferred",
        "The endings are seen in public transcripts of AWS errors (evidence.md section 12); the "
        "order follows the evaluation-logic flow chart, where denies are evaluated first.",
    ),
    Rule(
        "auth.trust-account-principal",
        "A role trust policy naming an account (its root ARN or its id) trusts every principal "
        "of that account whose own policies allow sts:AssumeRole (moto trusted the root user "
        "only).",
        "documented",
        f"{IAM_GUIDE}/reference_policies_elements_principal.html",
        "The account ARN and the shortened account ID behave the same way. Both delegate "
        "permissions to the account.",
    ),
    Rule(
        "auth.mturk-access-denied",
        "MTurk refuses with AccessDeniedException 'User: <arn> is not authorized to perform: "
        "mechanicalturk:<Operation> <reason>', naming no resource.",
        "observed",
        "https://github.com/facebookresearch/Mephisto/issues/759",
        "User: arn:aws:iam::893221621637:root is not authorized to perform: "
        "mechanicalturk:ListQualificationTypes with an explicit deny in a service control policy",
    ),
    Rule(
        "auth.iam-access-denied",
        "IAM and STS refuse with AccessDenied 'User: <arn> is not authorized to perform: "
        "<action> [on resource: <arn>] <reason>'; the resource is named only where moto "
        "knows it (AssumeRole's role).",
        "inferred",
        "The same endings as MTurk's (auth.identity-wording) in moto's AccessDenied; AWS also "
        "names IAM resources, which moto does not determine (it passes '*').",
    ),
)
