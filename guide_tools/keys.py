"""Is this a usable long-term access key, and a profile name AWS tools can read back?

One set of rules for every tool that touches a key: the importer
(``guide_tools/store_keys.py``), the setup doctor and practice mode accept and refuse
the same things. A key problem carries the doctor's catalogue code, so the importer
refuses exactly what the doctor would fail (severity FAIL) and only notes what the
doctor would warn about (WARN). Nothing here ever returns a secret, or part of one.

The key id rule is read from botocore's IAM model (shape ``accessKeyIdType``: 16 to
128 word characters), not retyped; the rest is the shape AWS's keys have always had
(facts.md section 3: ids begin ``AKIA``, temporary ones ``ASIA``; secrets are 40
characters of letters, digits, ``/`` and ``+``).
"""

from __future__ import annotations

import configparser
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from guide_tools.doctor.catalogue import Severity, problem

KEY_ID: Final = re.compile(r"A[KS]IA[A-Z0-9]{16}")
"""The shape of every access key id AWS has issued: 20 capitals and digits."""
SECRET: Final = re.compile(r"[A-Za-z0-9/+]{40}")
TEMPORARY_PREFIX: Final = "ASIA"
QUOTES: Final = "\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb"
DEFAULT_SECTION: Final = configparser.DEFAULTSECT
"""``[DEFAULT]`` is not a profile to configparser (and so to botocore): its lines
would be added to every other profile in the file."""


@dataclass(frozen=True)
class IdRule:
    minimum: int
    maximum: int
    pattern: re.Pattern[str]


@functools.cache
def iam_id_rule() -> IdRule:
    """What IAM accepts as an access key id, from botocore's IAM model."""
    import botocore.loaders  # here: importing this module must stay cheap

    shape = botocore.loaders.Loader().load_service_model("iam", "service-2")["shapes"][
        "accessKeyIdType"
    ]
    # AWS's patterns are Java regular expressions, where \w is ASCII only.
    pattern = re.compile(str(shape["pattern"]), re.ASCII)
    return IdRule(int(shape["min"]), int(shape["max"]), pattern)


@dataclass(frozen=True)
class KeyProblem:
    code: str  # the doctor's catalogue code
    detail: str  # what was found, in words; never the value

    @property
    def refused(self) -> bool:
        """Whether AWS is sure to refuse the key (the doctor fails it)."""
        return problem(self.code).severity is not Severity.WARN


def masked(key_id: str) -> str:
    """The key id with all but its last four characters hidden, if it looks like an id.

    When it does not (a secret pasted in the wrong place), nothing of it is shown.
    """
    core = key_id.strip().strip(QUOTES)
    if core.isalnum() and core.isascii() and len(core) < 40:
        return "*" * max(len(core) - 4, 0) + core[-4:]
    return f"(a {len(key_id)}-character value, not shown)"


def _stray(character: str) -> bool:
    return (
        character.isspace()
        or character in QUOTES
        or not character.isascii()
        or not character.isprintable()
    )


def _name(character: str) -> str:
    if character == " ":
        return "a space"
    if character in "\r\n":
        return "a line break"
    if character == "\t":
        return "a tab"
    if character in QUOTES:
        return "a quote mark"
    category = unicodedata.category(character)
    kind = "an invisible character" if category[0] in "CZ" else "a non-ASCII character"
    return f"{kind} (U+{ord(character):04X})"


def stray_characters(value: str) -> list[str]:
    """Describe the copy-and-paste debris in ``value``, never the value itself."""
    found: list[str] = []
    for index, character in enumerate(value):
        if _stray(character):
            where = "at the start" if index == 0 else "inside"
            where = "at the end" if index == len(value) - 1 else where
            description = f"{_name(character)} {where}"
            if description not in found:
                found.append(description)
    return found


def shape_problem(key_id: str, secret: str) -> KeyProblem | None:
    """The first thing wrong with the key's shape (temporary keys: see ``is_temporary``)."""
    for label, value in (("access key id", key_id), ("secret access key", secret)):
        strays = stray_characters(value)
        if strays:
            return KeyProblem("MT105", f"the {label} has " + ", ".join(strays))
    if SECRET.fullmatch(key_id) and KEY_ID.fullmatch(secret):
        return KeyProblem(
            "MT106", "the key id holds 40 characters and the secret begins " + secret[:4]
        )
    if not SECRET.fullmatch(secret):
        if len(secret) != 40:
            return KeyProblem(
                "MT108", f"the secret access key has {len(secret)} characters, not 40"
            )
        return KeyProblem(
            "MT108", "the secret access key has characters other than letters, digits, / and +"
        )
    rule = iam_id_rule()
    if not (rule.minimum <= len(key_id) <= rule.maximum and rule.pattern.fullmatch(key_id)):
        return KeyProblem(
            "MT111",
            f"the access key id has {len(key_id)} characters"
            + ("" if key_id.isalnum() else ", not only letters and digits")
            + f": {masked(key_id)}",
        )
    if not KEY_ID.fullmatch(key_id):
        return KeyProblem(
            "MT107", f"the access key id has {len(key_id)} characters: {masked(key_id)}"
        )
    return None


def is_temporary(key_id: str) -> bool:
    """Temporary credentials (a role, single sign-on, a session) have ids beginning ASIA."""
    return key_id.startswith(TEMPORARY_PREFIX)


def profile_problem(name: str) -> str | None:
    """Why ``name`` cannot be a profile that AWS tools read back, or None if it can.

    The credentials file is read by Python's configparser: a profile is a line
    ``[name]``, so a name cannot hold a line break or square brackets, loses spaces
    at its ends, and ``DEFAULT`` is configparser's section for every profile.
    """
    if not name:
        return "a profile name cannot be empty"
    if name != name.strip():
        return "a profile name cannot begin or end with a space"
    if any(not character.isprintable() for character in name):
        return "a profile name cannot hold a line break or an invisible character"
    if "[" in name or "]" in name:
        return "a profile name cannot hold square brackets"
    if name == DEFAULT_SECTION:
        return f'"{DEFAULT_SECTION}" is reserved (its lines would apply to every profile)'
    return None
