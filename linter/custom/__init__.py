"""Declarative rules written in ``annolint.yaml`` (``custom-rules:``) or in a ``rules-dir:``
folder: the YAML schema (:mod:`linter.custom.schema`), loading with positioned errors
(:mod:`linter.custom.load`), gazetteer files (:mod:`linter.custom.gazetteer`) and the check of
every rule's bad/good examples at load time (:mod:`linter.custom.examples`).

The check logic of each kind lives under ``rules/custom/`` (installed as
``linter.rules.custom``), reached through :mod:`linter.registry`.
"""
