"""Reads of the published budget: who may change it, the years, the totals per agency and
the drill-down program → kegiatan → sub-kegiatan, the document matrix (STYLE.md rule 4)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum
from django.db.models.functions import Substr

from balai.accounts.models import Role
from balai.agencies.models import Agency
from balai.budget import codes, matrix
from balai.budget.models import BudgetDocument, BudgetImport, BudgetLine, Stage

READ_ALL_ROLES = frozenset({Role.KEPALA_DINAS, Role.ADMIN})


@dataclass(frozen=True)
class BudgetScope:
    """The published budget is public; only the walidata (and administrators) change it."""

    is_officer: bool = False
    is_staff: bool = False


def budget_scope(user) -> BudgetScope:
    if not getattr(user, "is_authenticated", False):
        return BudgetScope()
    if user.role == Role.WALIDATA or user.is_superuser or user.role == Role.ADMIN:
        return BudgetScope(is_officer=True, is_staff=True)
    if user.role in READ_ALL_ROLES:
        return BudgetScope(is_staff=True)
    return BudgetScope()


def published_years() -> list[int]:
    return sorted(set(BudgetImport.objects.filter(is_current=True)
                      .values_list("year", flat=True)), reverse=True)


def current_imports(year: int) -> dict[str, BudgetImport]:
    return {i.stage: i for i in BudgetImport.objects.filter(year=year, is_current=True)}


@dataclass
class Amounts:
    """One item's three figures; `budget` is the revised budget where there is one."""

    murni: int = 0
    perubahan: int | None = None
    realisasi: int | None = None

    @property
    def budget(self) -> int:
        return self.murni if self.perubahan is None else self.perubahan

    @property
    def percent(self) -> float | None:
        """Realisation as a share of the budget (None without a realisation or a budget)."""
        if self.realisasi is None or not self.budget:
            return None
        return round(100 * self.realisasi / self.budget, 1)

    def add(self, stage: str, amount: int) -> None:
        if stage == Stage.MURNI:
            self.murni += amount
        elif stage == Stage.PERUBAHAN:
            self.perubahan = (self.perubahan or 0) + amount
        else:
            self.realisasi = (self.realisasi or 0) + amount


def _fill_missing(amounts: Amounts, stages: set[str]) -> Amounts:
    """A stage that was published counts 0 for an item it does not list (not 'unknown')."""
    if Stage.PERUBAHAN in stages and amounts.perubahan is None:
        amounts.perubahan = 0
    if Stage.REALISASI in stages and amounts.realisasi is None:
        amounts.realisasi = 0
    return amounts


def year_summary(year: int) -> dict[str, Amounts]:
    """Pendapatan, belanja and pembiayaan of the year in each stage."""
    stages = set(current_imports(year))
    totals: dict[str, Amounts] = {group: Amounts() for group in codes.ACCOUNT_GROUPS}
    grouped = (BudgetLine.objects.filter(year=year, budget_import__is_current=True)
               .annotate(group=Substr("account_code", 1, 1)).values("stage", "group")
               .order_by().annotate(total=Sum("amount")))
    for row in grouped:
        if row["group"] in totals:
            totals[row["group"]].add(row["stage"], row["total"])
    return {group: _fill_missing(a, stages) for group, a in totals.items()}


@dataclass
class AgencyRow:
    agency: Agency
    amounts: Amounts


def spending_by_agency(year: int) -> list[AgencyRow]:
    """Each agency's belanja in each stage, largest budget first (one grouped query)."""
    stages = set(current_imports(year))
    grouped = (BudgetLine.objects.filter(year=year, budget_import__is_current=True,
                                         account_code__startswith=codes.SPENDING)
               .values("agency_id", "stage").order_by().annotate(total=Sum("amount")))
    by_agency: dict[int, Amounts] = defaultdict(Amounts)
    for row in grouped:
        by_agency[row["agency_id"]].add(row["stage"], row["total"])
    agencies = Agency.objects.in_bulk(list(by_agency))
    result = [AgencyRow(agencies[pk], _fill_missing(a, stages)) for pk, a in by_agency.items()]
    return sorted(result, key=lambda r: (-r.amounts.budget, r.agency.name))


@dataclass
class Node:
    """A program, kegiatan or sub-kegiatan with its figures and the items under it."""

    code: str
    name: str
    amounts: Amounts = field(default_factory=Amounts)
    children: list[Node] = field(default_factory=list)


def spending_tree(year: int, agency: Agency) -> list[Node]:
    """The agency's belanja as programs → kegiatan → sub-kegiatan, in code order."""
    stages = set(current_imports(year))
    grouped = (BudgetLine.objects
               .filter(year=year, agency=agency, budget_import__is_current=True,
                       account_code__startswith=codes.SPENDING)
               .values("stage", "program_code", "program_name", "kegiatan_code",
                       "kegiatan_name", "sub_kegiatan_code", "sub_kegiatan_name")
               .order_by().annotate(total=Sum("amount")))
    programs: dict[str, Node] = {}
    kegiatan: dict[str, Node] = {}
    subs: dict[str, Node] = {}
    for row in grouped:
        program = programs.setdefault(row["program_code"], Node(row["program_code"],
                                                                row["program_name"]))
        k = kegiatan.get(row["kegiatan_code"])
        if k is None:
            k = kegiatan[row["kegiatan_code"]] = Node(row["kegiatan_code"], row["kegiatan_name"])
            program.children.append(k)
        s = subs.get(row["sub_kegiatan_code"])
        if s is None:
            s = subs[row["sub_kegiatan_code"]] = Node(row["sub_kegiatan_code"],
                                                      row["sub_kegiatan_name"])
            k.children.append(s)
        for node in (program, k, s):
            node.amounts.add(row["stage"], row["total"])
    nodes = list(programs.values()) + list(kegiatan.values()) + list(subs.values())
    for node in nodes:
        _fill_missing(node.amounts, stages)
        node.children.sort(key=lambda n: n.code)
    return sorted(programs.values(), key=lambda n: n.code)


def export_lines(year: int):
    """Every published line of the year, for the CSV/XLSX download and the data package."""
    return (BudgetLine.objects.filter(year=year, budget_import__is_current=True)
            .select_related("agency").order_by("stage", "agency__name", "sub_kegiatan_code",
                                               "account_code"))


@dataclass
class MatrixCell:
    kind: matrix.DocumentKind
    year: int
    due: date
    state: str
    document: BudgetDocument | None


def document_matrix(years: list[int], *, today: date) -> list[list[MatrixCell]]:
    """One row per kind of document, one cell per year: published, late, missing or not due."""
    documents = {(d.year, d.kind): d for d in BudgetDocument.objects.filter(
        year__in=years, is_withdrawn=False)}
    table = []
    for kind in matrix.KINDS:
        row = []
        for year in years:
            document = documents.get((year, kind.code))
            row.append(MatrixCell(
                kind=kind, year=year, due=matrix.due_on(kind, year), document=document,
                state=matrix.state_of(kind, year, today=today,
                                      published_on=document.published_on if document else None)))
        table.append(row)
    return table


def missing_documents(*, today: date) -> int:
    """How many documents of the last two budget years are due and not published."""
    years = [today.year, today.year + 1]
    return sum(1 for row in document_matrix(years, today=today) for cell in row
               if cell.state == matrix.State.MISSING)
