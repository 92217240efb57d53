"""A PEP 517 build backend for a package that only pins clientele-lint.

The metadata lives here rather than in pyproject.toml's [project] table:
reading TOML needs Python 3.11 or a dependency, and the point of this file
is that `pip install .` needs neither a download nor a build tool. Release
the hook repository with CLIENTELE_VERSION set to the clientele release the
hooks should run (tag it v<that version>).
"""

import base64
import hashlib
import zipfile

NAME = "clientele_pre_commit"
# clientele's distribution on PyPI: `clientele` there is another project.
CLIENTELE_DIST = "clientele-lint"
CLIENTELE_VERSION = "0.1.0"
VERSION = CLIENTELE_VERSION

METADATA = f"""\
Metadata-Version: 2.1
Name: clientele-pre-commit
Version: {VERSION}
Summary: pre-commit hooks for clientele, installed from its prebuilt wheel.
Requires-Python: >=3.8
Requires-Dist: {CLIENTELE_DIST}=={CLIENTELE_VERSION}
"""

WHEEL = """\
Wheel-Version: 1.0
Generator: clientele-pre-commit build_backend
Root-Is-Purelib: true
Tag: py3-none-any
"""


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"{path},sha256={digest.decode()},{len(data)}\n"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    dist_info = f"{NAME}-{VERSION}.dist-info"
    files = {
        f"{dist_info}/METADATA": METADATA.encode(),
        f"{dist_info}/WHEEL": WHEEL.encode(),
    }
    record = "".join(_record_line(path, data) for path, data in files.items())
    record += f"{dist_info}/RECORD,,\n"
    files[f"{dist_info}/RECORD"] = record.encode()
    filename = f"{NAME}-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(f"{wheel_directory}/{filename}", "w") as wheel:
        for path, data in files.items():
            wheel.writestr(path, data)
    return filename
