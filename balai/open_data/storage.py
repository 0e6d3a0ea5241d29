"""Where the datasets' files are kept: var/private/open_data (served by a view that checks the
dataset is published) or `STORAGES["open_data_files"]` where a deployment defines one."""

from django.core.files.storage import Storage

from balai.core.private_files import private_folder


def open_data_storage() -> Storage:
    return private_folder(alias="open_data_files", setting="OPEN_DATA_FILES_ROOT",
                          subdir="open_data")
