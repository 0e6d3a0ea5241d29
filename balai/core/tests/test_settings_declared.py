"""Every setting is declared once, in balai/settings.py, from the environment, and listed in
.env.example; code reads `settings.X` (STYLE.md, Where rules live, 10).

A source scan: `getattr(settings, "X", default)` hid settings that were never declared
(with a default written again at each read, `STAFF_2FA` had three), and an operator could
not find them in .env.example.
"""

import ast
import importlib
import re
from pathlib import Path

from django.conf import global_settings

import balai

ROOT = Path(balai.__file__).resolve().parent
SETTINGS_FILE = ROOT / "settings.py"
ENV_EXAMPLE = ROOT.parent / ".env.example"
# Read by Django's own entry points, not by balai's configuration.
NOT_CONFIGURATION = {"DJANGO_SETTINGS_MODULE"}
ENV_READ = re.compile(r"""(?:environ\.get|environ\[|envint|envbool|envlist|envsigner)\(?\s*["']"""
                      r"""([A-Z][A-Z0-9_]*)["']|["']([A-Z][A-Z0-9_]*)["']\s+(?:not\s+)?in\s+"""
                      r"""os\.environ""")
SIGNER_PARTS = ("NAME", "POSITION", "NIP", "RANK")


def code_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "tests" in relative.parts or "migrations" in relative.parts or path == SETTINGS_FILE:
            continue
        yield path, ast.parse(path.read_text(), filename=str(path))


def is_settings(node) -> bool:
    return isinstance(node, ast.Name) and node.id == "settings"


def test_code_reads_settings_as_attributes_without_defaults():
    found = []
    for path, tree in code_files():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in {"getattr", "hasattr"} and node.args
                    and is_settings(node.args[0])
                    and (len(node.args) > 2 or isinstance(node.args[1], ast.Constant))):
                found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}: "
                             f"{ast.unparse(node)}")
    assert not found, ("Read settings.X, declared in balai/settings.py (no getattr with a "
                       "name or a default):\n" + "\n".join(found))


def test_every_setting_read_in_code_is_declared_in_settings_py():
    declared = set(vars(importlib.import_module("balai.settings"))) | set(vars(global_settings))
    found = []
    for path, tree in code_files():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and is_settings(node.value)
                    and node.attr.isupper() and node.attr not in declared):
                found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}: "
                             f"settings.{node.attr}")
    assert not found, "Declare these in balai/settings.py:\n" + "\n".join(found)


def environment_variables_read(source: str) -> set[str]:
    names = set()
    for match in ENV_READ.finditer(source):
        name = match.group(1) or match.group(2)
        if "envsigner(" in match.group(0):
            names |= {f"{name}_{part}" for part in SIGNER_PARTS}
        else:
            names.add(name)
    return names - NOT_CONFIGURATION


def test_every_environment_variable_is_listed_in_env_example():
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.M))
    read = environment_variables_read(SETTINGS_FILE.read_text())
    for path, _tree in code_files():
        read |= environment_variables_read(path.read_text())
    assert read - listed == set(), "List these in .env.example: " + ", ".join(
        sorted(read - listed))


def test_the_scan_sees_each_way_settings_py_reads_the_environment():
    source = ('A = os.environ.get("ONE", "")\nB = envint("TWO", 1)\nC = envbool("THREE", 0)\n'
              'D = envlist("FOUR")\nE = envsigner("WHO")\nif "FIVE" not in os.environ: pass\n'
              'F = os.environ["SIX"]\n')
    assert environment_variables_read(source) == {
        "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX",
        "WHO_NAME", "WHO_POSITION", "WHO_NIP", "WHO_RANK"}
