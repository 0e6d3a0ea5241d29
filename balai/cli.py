"""The `balai` command: Django's management commands under one installed entry point.

Hyphenated names map to the commands' module names (`balai import-areas` runs
`import_areas`), so the CLI reads the way DESIGN.md §6 spells it.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balai.settings")
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
