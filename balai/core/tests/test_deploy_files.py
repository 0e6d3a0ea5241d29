"""The deployment files (deploy/, Dockerfile, docker-compose.yml) stay true to the code.

`docker compose` is not installed where the tests run, so the files are read as data: the
compose file with PyYAML, the systemd units with configparser, the nginx site line by line.
Each check is one an operator would otherwise find out on the day: a variable balai never
reads (a typo, a renamed setting), web and worker on different databases or buckets, a
var/ folder two hosts share, a command or option `balai` does not have, an upload limit in
nginx below what a citizen's five photos weigh.
"""

import configparser
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands, load_command_class

import balai
from balai.core.tests.test_settings_declared import SETTINGS_FILE, environment_variables_read

ROOT = Path(balai.__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
COMPOSE = ROOT / "docker-compose.yml"
SHARED = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "AWS_STORAGE_BUCKET_NAME",
          "AWS_S3_ENDPOINT_URL", "AWS_S3_REGION_NAME", "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY", "DOCUMENTS_SIGNING_P12", "DOCUMENTS_TRUST_ROOTS")
SIZE = re.compile(r"^(\d+)([kKmMgG]?)$")


def balai_command(argv: list[str]):
    """Parse `balai <command> <options>` as the `balai` entry point would (balai/cli.py:
    hyphens become underscores); fails the test when the command or an option is unknown."""
    assert Path(argv[0]).name == "balai", f"{argv}: not the balai entry point"
    name = argv[1].replace("-", "_")
    commands = get_commands()
    assert name in commands, f"`balai {argv[1]}` is not a command balai has"
    command = load_command_class(commands[name], name)
    try:
        return name, command.create_parser("balai", name).parse_args(argv[2:])
    except SystemExit:
        pytest.fail(f"`{' '.join(argv)}`: balai {argv[1]} does not take these options")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def balai_services(compose) -> dict[str, dict]:
    """The services that run the balai image (web, worker, one-off commands)."""
    return {name: service for name, service in compose["services"].items()
            if service.get("image", "").startswith("balai:")}


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(path.read_text())
    return parser


def nginx_directives(text: str) -> list[tuple[str, list[str]]]:
    """(directive, arguments) of every simple directive, comments removed."""
    found = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        for statement in filter(None, (s.strip() for s in re.split(r"[;{}]", line))):
            name, *args = statement.split()
            found.append((name, args))
    return found


def nginx_bytes(value: str) -> int:
    number, unit_ = SIZE.match(value).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit_.lower()]


def largest_upload() -> int:
    """The largest request body a form of balai accepts, from the limits in the code."""
    from balai.budget.services import PDF_MAX_BYTES
    from balai.complaints import photos as complaint_photos
    from balai.core import reencode
    from balai.documents.forms import MAX_UPLOAD
    from balai.market.services import MAX_PHOTOS as MARKET_PHOTOS
    from balai.media_partnerships.files import RECORDING_MAX_BYTES
    from balai.open_data.services import MAX_BYTES as OPEN_DATA_MAX_BYTES

    return max(complaint_photos.MAX_PHOTOS * complaint_photos.MAX_BYTES,
               MARKET_PHOTOS * reencode.MAX_BYTES, PDF_MAX_BYTES, MAX_UPLOAD,
               RECORDING_MAX_BYTES, OPEN_DATA_MAX_BYTES)


# --- docker-compose.yml ---------------------------------------------------------------------


def test_every_variable_given_to_a_balai_container_is_a_setting_balai_reads(compose):
    read = environment_variables_read(SETTINGS_FILE.read_text())
    services = balai_services(compose)
    assert services, "docker-compose.yml runs no balai service"
    unknown = {f"{name}: {variable}" for name, service in services.items()
               for variable in service["environment"] if variable not in read}
    assert not unknown, ("Variables balai/settings.py never reads (a typo, or a setting "
                         "that was renamed):\n" + "\n".join(sorted(unknown)))


def test_web_and_worker_containers_share_the_database_redis_the_key_and_the_bucket(compose):
    services = balai_services(compose)
    commands = {name: balai_command(service["command"])[0] for name, service in
                services.items()}
    web = [name for name, command in commands.items() if command == "serve"]
    workers = [name for name, command in commands.items() if command == "worker"]
    assert len(web) >= 2 and len(workers) >= 2, commands
    for variable in SHARED:
        values = {name: services[name]["environment"].get(variable) for name in services}
        assert None not in values.values() and len(set(values.values())) == 1, (
            f"{variable} differs between the balai containers: {values}")


def test_no_two_containers_share_a_var_folder_or_a_writable_volume(compose):
    services = balai_services(compose)
    dockerfile = (ROOT / "Dockerfile").read_text()
    var_dir = re.search(r"BALAI_VAR_DIR=(\S+)", dockerfile).group(1)
    mounts: dict[str, list[str]] = {}
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source, target, *mode = volume.split(":")
            assert not (target == var_dir or target.startswith(var_dir + "/")), (
                f"{name} mounts {source} on its var/ folder {target}: on several hosts "
                "files live in the database and the bucket, never on a shared disk")
            assert mode == ["ro"] or source not in mounts, (
                f"{source} is mounted writable by {mounts.get(source)} and {name}")
            mounts.setdefault(source, []).append(name)


def test_nginx_is_the_trusted_proxy_and_proxies_to_every_web_container(compose):
    nginx = compose["services"]["nginx"]
    address = nginx["networks"]["balai"]["ipv4_address"]
    services = balai_services(compose)
    for name, service in services.items():
        assert address in service["environment"]["TRUSTED_PROXIES"].split(","), name
    upstream = {args[0] for directive, args in
                nginx_directives((DEPLOY / "docker" / "upstream.conf").read_text())
                if directive == "server"}
    web = {f"{name}:{balai_command(s['command'])[1].bind.rsplit(':', 1)[1]}"
           for name, s in services.items() if balai_command(s["command"])[0] == "serve"}
    assert upstream == web


def test_the_web_healthcheck_passes_on_a_server_with_the_compose_security_settings(
        compose, tmp_path):
    """The compose healthcheck, run against `balai serve` with the web container's HTTPS
    settings (SQLite instead of the services): a bare request to 127.0.0.1 would get a 400
    (host not allowed) or a 301 (SSL redirect), and Docker would restart a healthy web."""
    web = compose["services"]["web-1"]
    shared = ("DATABASE_URL", "REDIS_URL", "AWS_", "DOCUMENTS_SIGNING", "DOCUMENTS_TRUST")
    env = {k: v for k, v in os.environ.items() if not k.startswith(shared)}
    env.update({k: str(v) for k, v in web["environment"].items()
                if not k.startswith(shared) and "${" not in str(v)})
    env.update({"SECRET_KEY": "deploy-files-test-" + "x" * 40,
                "ALLOWED_HOSTS": "layanan.example.go.id", "BALAI_VAR_DIR": str(tmp_path),
                "SQLITE_PATH": str(tmp_path / "balai.sqlite3"), "STAFF_2FA": "optional"})
    assert env["SECURE_SSL_REDIRECT"] == "1" and env["BEHIND_PROXY"] == "1"
    # /healthz reads the task queue only: its tables are enough (a full migrate is a minute).
    subprocess.run([sys.executable, "-m", "balai.cli", "migrate", "django_tasks_database",
                    "--noinput", "-v", "0"],
                   env=env, check=True, timeout=600)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = subprocess.Popen([sys.executable, "-m", "balai.cli", "serve", "--workers", "1",
                              "--bind", f"127.0.0.1:{port}"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    check = web["healthcheck"]["test"]
    assert check[:3] == ["CMD", "python", "-c"]
    code = check[3].replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60
        while True:  # gunicorn answers at all (any status)
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
                bare = 200
            except urllib.error.HTTPError as exc:
                bare = exc.code
            except OSError:
                assert time.monotonic() < deadline, "balai serve did not answer"
                time.sleep(0.3)
                continue
            break
        assert bare == 400  # the bare request: host not allowed
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, timeout=30)
        assert done.returncode == 0, done.stderr
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=30)


def test_the_image_runs_a_balai_command_and_collects_static_where_nginx_reads_it():
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = json.loads(re.search(r"^CMD (\[.*\])$", dockerfile, re.M).group(1))
    assert balai_command(cmd)[0] == "serve"
    static_root = re.search(r"STATIC_ROOT=(\S+)", dockerfile).group(1)
    nginx_static = re.search(r"COPY --from=app (\S+) (\S+)", dockerfile).groups()
    assert nginx_static[0] == static_root
    aliases = {args[0] for directive, args in
               nginx_directives((DEPLOY / "nginx" / "balai.conf").read_text())
               if directive == "alias"}
    assert nginx_static[1].rstrip("/") + "/" in aliases


# --- systemd ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name,command", [("balai-web.service", "serve"),
                                          ("balai-worker@.service", "worker"),
                                          ("balai-backup.service", "backup")])
def test_systemd_units_run_balai_commands_as_their_own_user_with_the_env_file(name, command):
    service = unit(DEPLOY / "systemd" / name)["Service"]
    assert balai_command(shlex.split(service["ExecStart"]))[0] == command
    assert service["EnvironmentFile"] == "/etc/balai/balai.env"
    assert service["User"] == "balai" and service["Group"] == "balai"
    if command != "backup":
        assert service["Restart"] == "always"
    # ProtectSystem=strict makes every path read-only: var/ must be given back.
    assert service["ProtectSystem"] == "strict"
    assert service["StateDirectory"] == "balai"
    assert Path(service["WorkingDirectory"]) == Path("/var/lib") / service["StateDirectory"]


def test_nginx_on_one_host_proxies_to_the_address_balai_web_binds():
    service = unit(DEPLOY / "systemd" / "balai-web.service")["Service"]
    bind = balai_command(shlex.split(service["ExecStart"]))[1].bind
    upstream = [args[0] for directive, args in
                nginx_directives((DEPLOY / "nginx" / "upstream.conf").read_text())
                if directive == "server"]
    assert upstream == [bind]


def test_the_systemd_user_is_the_one_the_units_name():
    sysusers = (DEPLOY / "systemd" / "balai.sysusers").read_text()
    assert re.search(r"^u balai - .* /var/lib/balai ", sysusers, re.M)


# --- nginx ------------------------------------------------------------------------------------


def test_nginx_takes_the_largest_upload_and_no_more_than_django_would():
    directives = dict(nginx_directives((DEPLOY / "nginx" / "balai.conf").read_text()))
    limit = nginx_bytes(directives["client_max_body_size"][0])
    largest = largest_upload()
    assert largest <= limit <= largest + settings.DATA_UPLOAD_MAX_MEMORY_SIZE, (
        f"client_max_body_size {limit} for uploads up to {largest} bytes")


def test_nginx_forwards_the_client_address_and_never_serves_private_files():
    site = (DEPLOY / "nginx" / "balai.conf").read_text()
    directives = nginx_directives(site)
    headers = {args[0]: args[1] for directive, args in directives
               if directive == "proxy_set_header"}
    assert headers["X-Forwarded-For"] == "$proxy_add_x_forwarded_for"
    assert headers["X-Forwarded-Proto"] == "$scheme"
    served = [args[0] for directive, args in directives if directive in {"alias", "root"}]
    assert served and not [path for path in served if "private" in path]
    assert "/var/lib/balai/static/" in served  # STATIC_ROOT under BALAI_VAR_DIR
    read_timeout = [int(args[0].rstrip("s")) for directive, args in directives
                    if directive == "proxy_read_timeout"]
    assert read_timeout and read_timeout[0] > 60  # gunicorn's --timeout in `balai serve`
