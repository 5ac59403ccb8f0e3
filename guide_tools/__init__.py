"""The guide's tools: the setup doctor, practice mode and the in-process AWS CLI runner.

They serve readers (``python -m snippets.doctor``, ``python -m snippets.practice``)
and the tests. The code the pages show lives in ``snippets/``; the emulator the
tools run against lives in ``mturk_emulator/``.
"""
