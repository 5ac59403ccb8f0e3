"""What the site's pages and templates say that code knows: plain functions, no builder.

Every builder this site supports (MkDocs with Material, and Zensical) runs the same
three things, so nothing here depends on a builder's private extension point:

- ``mkdocs.yml`` calls :func:`site_content.facts.site_url` and
  :func:`site_content.facts.template_facts` while it is read (``!!python/object/apply``
  tags, which both builders' YAML loaders evaluate): the published address, and the
  values the theme's templates show (the notice bar, the guide's version and release
  date, each page's last-verified date).
- the macros plugin (mkdocs-macros on MkDocs, Zensical's own implementation of it)
  loads :mod:`site_content.macros`, whose macros put generated Markdown into pages:
  the status notice, the Troubleshooting catalogue, the fidelity ledger, the versions
  table, the repository's addresses and the guide's version.
- the Markdown extension :mod:`site_content.task_labels` names the checklist's
  checkboxes.

The generators themselves (:mod:`site_content.markdown`) are plain functions of their
sources: the doctor's catalogue, the emulator's ledger, ``uv.lock``, ``CITATION.cff``,
``guide_tools.constants`` and the repository's history.
"""
