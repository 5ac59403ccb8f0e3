"""The setup doctor: one command that says which step of the setup is broken, and the fix.

    uv run --no-dev python -m snippets.doctor                  # the sandbox
    uv run --no-dev python -m snippets.doctor --production     # the sandbox and production
    uv run --no-dev python -m snippets.doctor --profile NAME   # another profile than "mturk"
    uv run --no-dev python -m snippets.doctor --json           # for scripts and bug reports

Without ``--profile`` it checks the ``mturk`` profile, the one the guide's
scripts use, if it exists; otherwise whatever AWS tools find by themselves
(environment variables, ``AWS_PROFILE``, the ``default`` profile). It always
talks to MTurk in ``us-east-1``, and changes nothing in AWS or MTurk.

Exit status: 0 every check passed, 1 a warning, 2 a failure, 3 the doctor could
not run or could not finish (it says why), 130 stopped with Ctrl-C. Each problem has a stable code
(``MT101``...) explained on the guide's Troubleshooting page, which is generated
from ``guide_tools/doctor/catalogue.py``. The secret access key is never printed.
"""
