"""Where the budget documents' PDFs are kept: a folder under var/private/budget (served by a
view that checks the document is published) or `STORAGES["budget_files"]` where a deployment
defines one (a bucket the web hosts share)."""

from django.core.files.storage import Storage

from balai.core.private_files import private_folder


def budget_storage() -> Storage:
    return private_folder(alias="budget_files", setting="BUDGET_FILES_ROOT", subdir="budget")
