"""The code the guide's pages show: one module (and its AWS CLI twin) per page.

Every code block on the site is included from a file here. Two modules are only
entry points kept for the commands the pages print: ``python -m snippets.doctor``
and ``python -m snippets.practice`` run tools that live in ``guide_tools``.
"""
