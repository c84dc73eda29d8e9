"""Diagram interchange (BPMNDI) for the office's processes, computed from a grid layout.

The process semantics are written by hand in `processes/*.bpmn`; this tool only (re)writes each file's
`bpmndi:BPMNDiagram` so that the Camunda Modeler and bpmn-js show a clean left-to-right diagram:
every flow node sits in a grid cell (column, row) of its lane, sequence flows are routed orthogonally
from border to border, and the pool, lanes and expanded subprocesses are sized around their content.

    python tools/bpmn_layout.py            # rewrite the diagrams of the files in LAYOUTS
    python tools/bpmn_layout.py --check    # exit 1 if a diagram is stale or its geometry is wrong

Rows are numbered over the whole pool, top lane first (a lane has as many rows as LAYOUTS says);
fractional rows and columns are allowed (a main line through the middle of a subprocess).
A node moved in the Modeler by hand is overwritten by the next run: change the grid here instead.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}

COL_W = 150          # a grid column: a task (100) and a gap (50)
ROW_H = 110          # a grid row: a task (80) and a gap (30)
POOL_X, POOL_Y = 160, 80
POOL_HEADER = 30     # the pool's name band; each lane has one of the same width
LANE_PAD = 10        # space above the first and below the last row of a lane
X0 = POOL_X + 2 * POOL_HEADER + 80  # centre of column 0
RIGHT_MARGIN = 60
SIZES = {"task": (100, 80), "event": (36, 36), "gateway": (50, 50)}
LABEL_W = 100
CHAR_W = 5.6         # average width of an 11 px label character, for wrapping estimates
LINE_H = 14

TASKS = {"task", "userTask", "scriptTask", "serviceTask", "manualTask", "sendTask", "receiveTask",
         "businessRuleTask", "callActivity"}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
GATEWAYS = {"exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway"}


@dataclass
class Layout:
    file: str
    lane_rows: dict[str, int]                       # lane id -> number of rows, top lane first
    cells: dict[str, tuple[float, float]]            # flow node id -> (column, row)
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # subprocess -> c0, r0, c1, r1
    routes: dict[str, tuple[str, float]] = field(default_factory=dict)  # flow id -> ("via_y", row)
    node_labels: dict[str, str] = field(default_factory=dict)     # node id -> below (default)/above/left/right/...
    flow_labels: dict[str, str] = field(default_factory=dict)     # flow id -> start (default)/end/mid/none


# --- the office's processes -----------------------------------------------------------------------

_AFTERCARE_NODE_LABELS = {
    "Gateway_uudelleenarviointi": "above-right",
    "BoundaryEvent_jalkihoito_myohassa": "below-left",
    "TimerEvent_uusi_yritys": "left",
}

_AFTERCARE_FLOW_LABELS = {"Flow_uusia_tarpeita": "end", "Flow_ei_tavoitettu_lopullisesti": "end"}

# The long services' follow-up day, reached from every branch of the reassessment: the timer's label goes
# above (flows come in from the left and from below), the final not-reached flow is labelled at its start.
_FOLLOW_UP_NODE_LABELS = {"TimerEvent_seuranta": "above", "TimerEvent_seurantapaiva": "above",
                          "Gateway_uudet_tarpeet": "below"}
_FOLLOW_UP_FLOW_LABELS = {"Flow_ei_tavoitettu_lopullisesti": "start"}

LAYOUTS = [
    Layout(
        file="processes/palvelutarvearvio.bpmn",
        lane_rows={"Lane_te_asiantuntijat": 8, "Lane_ely_asiantuntijat": 1, "Lane_palveluesimiehet": 1},
        cells={
            "StartEvent_palvelutarve": (0, 1), "StartEvent_uusi_palvelutarve": (0, 2),
            "Task_palvelulupaus": (1, 1), "Task_kartoitus": (2, 1), "Gateway_kehittamistarve": (3, 1),
            "Task_ely_arvio": (4, 8), "Task_palvelusuunnitelma": (5, 1), "Gateway_palvelut": (6, 1),
            "Event_aloita_rekrytointipalvelut": (7, 2), "Event_aloita_koulutus": (7, 3),
            "Event_aloita_kehittamispalvelut": (7, 4), "Event_aloita_muutosturva": (7, 5),
            "Event_aloita_starttiraha": (7, 6), "Event_ohjaa_yritys_suomi": (7, 7),
            "Gateway_palvelut_kaynnistetty": (8, 1), "Gateway_seuranta": (9, 1), "TimerEvent_seuranta": (10, 2),
            "ScriptTask_jalkihoito_alustus": (11, 1), "Task_jalkihoito": (12, 1),
            "Gateway_uudelleenarviointi": (13, 1), "ScriptTask_uusi_yritys": (13, 0), "TimerEvent_uusi_yritys": (12, 0),
            "EndEvent_asiakkuus_jatkuu": (14, 1), "EndEvent_uusi_palvelutarve": (14, 2),
            "Task_ei_tavoitettu": (14, 3), "EndEvent_ei_tavoitettu": (15, 3),
            "Task_myohassa": (13, 9), "EndEvent_myohassa": (14, 9),
        },
        node_labels={**_AFTERCARE_NODE_LABELS, "Gateway_palvelut": "above", "Gateway_seuranta": "above",
                     "Gateway_kehittamistarve": "above", "Gateway_palvelut_kaynnistetty": "above",
                     "EndEvent_uusi_palvelutarve": "right"},
        flow_labels=_AFTERCARE_FLOW_LABELS,
    ),
    Layout(
        file="processes/rekrytointipalvelut.bpmn",
        lane_rows={"Lane_te_asiantuntijat": 7, "Lane_palveluesimiehet": 1},
        cells={
            "StartEvent_rekrytointitarve": (0, 3.4), "StartEvent_aloita_rekrytointipalvelut": (0, 4.4),
            "Task_palvelulupaus": (1, 3.4), "Task_rekrytointitarve": (2, 3.4),
            # inside SubProcess_hakukierros
            "StartEvent_hakukierros": (3.2, 1), "Gateway_kanavat": (4, 1),
            "Task_ilmoitus": (5, 2), "Task_ehdokashaku": (5, 3), "Gateway_ehdokkaita": (6, 3), "Task_esittely": (7, 3),
            "Task_tyotarjoukset": (5, 4), "Task_rekrytointitapahtuma": (5, 5), "Task_eures": (5, 6),
            "Gateway_kanavat_valmiit": (8, 1), "EndEvent_hakukierros": (8.8, 1),
            # after the search round
            "Task_tilanne": (10, 3.4), "Gateway_hakukierros": (11, 3.4),
            "ScriptTask_jalkihoito_alustus": (12, 3.4), "Task_jalkihoito": (13, 3.4),
            "Gateway_uudelleenarviointi": (14, 3.4), "ScriptTask_uusi_yritys": (14, 2.2),
            "TimerEvent_uusi_yritys": (13, 2.2),
            "EndEvent_asiakkuus_jatkuu": (15, 3.4), "EndEvent_uusi_palvelutarve": (15, 4.4),
            "Task_ei_tavoitettu": (15, 5.4), "EndEvent_ei_tavoitettu": (16, 5.4),
            "Task_myohassa": (14, 7), "EndEvent_myohassa": (15, 7),
        },
        boxes={"SubProcess_hakukierros": (3, 0.8, 9, 6.0)},
        routes={"Flow_uusi_hakukierros": ("via_y", 0.2), "Flow_ei_ehdokkaita": ("via_y", 2.5)},
        node_labels={**_AFTERCARE_NODE_LABELS, "EndEvent_uusi_palvelutarve": "right",
                     "Gateway_kanavat": "above", "Gateway_kanavat_valmiit": "above", "Gateway_ehdokkaita": "below",
                     "Gateway_hakukierros": "below", "EndEvent_hakukierros": "below"},
        flow_labels={**_AFTERCARE_FLOW_LABELS, "Flow_uusi_hakukierros": "mid",
                     **{f"Flow_kanava_{c}": "end" for c in ("ilmoitus", "ehdokashaku", "tyotarjoukset",
                                                            "rekrytointitapahtuma", "eures")}},
    ),
    Layout(
        file="processes/yhteishankintakoulutus.bpmn",
        lane_rows={"Lane_te_asiantuntijat": 6, "Lane_ely_asiantuntijat": 1, "Lane_palveluesimiehet": 1},
        cells={
            "StartEvent_koulutustarve": (0, 3), "StartEvent_aloita_koulutus": (0, 4),
            "Task_palvelulupaus": (1, 3), "Task_suunnittelu": (2, 3), "Gateway_sitoutuminen": (3, 3),
            # procurement by the ELY Centre
            "Task_hankintapaatos": (4, 6), "Gateway_hankinta": (5, 6), "Task_kilpailutus": (6, 6),
            "Gateway_kouluttaja": (7, 6), "Task_sopimukset": (8, 6), "Task_hankinta_peruttu": (6, 4),
            # who is trained, and the training
            "Gateway_koulutuslaji": (9, 3), "Task_opiskelijavalinta": (10, 2), "Task_muutoskoulutus": (10, 1),
            "Task_koulutus_alkaa": (11, 3), "TimerEvent_valiarviointi": (12, 3), "Task_valiarviointi": (13, 3),
            "TimerEvent_koulutus_paattyy": (14, 3),
            "Task_koulutus_toteutunut": (15, 3), "Gateway_koulutus_paattynyt": (16, 3), "Task_jatkoaika": (16, 6),
            # aftercare and the follow-up day
            "ScriptTask_jalkihoito_alustus": (17, 3), "Task_jalkihoito": (18, 3),
            "Gateway_uudelleenarviointi": (19, 3), "ScriptTask_uusi_yritys": (19, 2), "TimerEvent_uusi_yritys": (18, 2),
            "TimerEvent_seuranta": (21, 3), "Task_seurantapaiva": (22, 3), "EndEvent_asiakkuus_jatkuu": (23, 3),
            "Task_ei_tavoitettu": (21, 4), "Gateway_uudet_tarpeet": (20, 5), "EndEvent_uusi_palvelutarve": (21, 5),
            "Task_myohassa": (19, 7), "EndEvent_myohassa": (20, 7),
        },
        routes={"Flow_ei_hankintaan": ("via_y", 0), "Flow_peruuntuminen_kerrottu": ("via_y", 4.65)},
        node_labels={**_AFTERCARE_NODE_LABELS, **_FOLLOW_UP_NODE_LABELS,
                     "EndEvent_uusi_palvelutarve": "right", "Gateway_sitoutuminen": "above-right",
                     "Gateway_koulutuslaji": "above-left",
                     "TimerEvent_koulutus_paattyy": "above", "Gateway_koulutus_paattynyt": "above"},
        flow_labels={**_AFTERCARE_FLOW_LABELS, **_FOLLOW_UP_FLOW_LABELS, "Flow_rekrykoulutus": "end",
                     "Flow_muutoskoulutus": "end"},
    ),
    Layout(
        file="processes/kehittamispalvelut.bpmn",
        lane_rows={"Lane_te_asiantuntijat": 5, "Lane_ely_asiantuntijat": 2, "Lane_palveluesimiehet": 1},
        cells={
            "StartEvent_kehittamistarve": (0, 1), "StartEvent_aloita_kehittamispalvelut": (0, 2),
            "Task_palvelulupaus": (1, 1), "Task_tapaaminen": (2, 1), "Gateway_hakemus": (3, 1),
            "Task_ely_paatos": (4, 5), "Gateway_paatos": (5, 5),
            "Gateway_palvelu": (6, 1), "Task_analyysi": (7, 1), "Task_konsultointi": (7, 2), "Task_koulutus": (7, 3),
            "Task_tulokset": (8, 1), "Gateway_jatkopalvelu": (9, 1),
            # aftercare and the follow-up day
            "ScriptTask_jalkihoito_alustus": (10, 1), "Task_jalkihoito": (11, 1),
            "Gateway_uudelleenarviointi": (12, 1), "ScriptTask_uusi_yritys": (12, 0), "TimerEvent_uusi_yritys": (11, 0),
            "TimerEvent_seuranta": (14, 1), "Task_seurantapaiva": (15, 1), "EndEvent_asiakkuus_jatkuu": (16, 1),
            "Task_ei_tavoitettu": (14, 2), "Gateway_uudet_tarpeet": (13, 3), "EndEvent_uusi_palvelutarve": (14, 3),
            "Task_myohassa": (12, 7), "EndEvent_myohassa": (13, 7),
        },
        routes={"Flow_ei_hakemusta": ("via_y", 0), "Flow_ei_myonnetty": ("via_y", 6),
                "Flow_jatkopalvelu": ("via_y", 3.7)},
        node_labels={**_AFTERCARE_NODE_LABELS, **_FOLLOW_UP_NODE_LABELS,
                     "EndEvent_uusi_palvelutarve": "right", "Gateway_hakemus": "above-right",
                     "Gateway_paatos": "above-right", "Gateway_palvelu": "above",
                     "Gateway_jatkopalvelu": "above"},
        flow_labels={**_AFTERCARE_FLOW_LABELS, **_FOLLOW_UP_FLOW_LABELS, "Flow_konsultointi": "end",
                     "Flow_koulutus": "end"},
    ),
    Layout(
        file="processes/muutosturva.bpmn",
        lane_rows={"Lane_te_asiantuntijat": 6, "Lane_palveluesimiehet": 1},
        cells={
            "StartEvent_muutostilanne": (0, 2.5), "StartEvent_aloita_muutosturva": (0, 3.5),
            "Task_palvelulupaus": (1, 2.5), "Task_tilannearvio": (2, 2.5), "Gateway_infotilaisuus": (3, 2.5),
            "Task_infotilaisuus": (4, 3.5), "Task_palvelusuunnitelma": (5, 2.5),
            # inside SubProcess_henkilostopalvelut
            "StartEvent_henkilostopalvelut": (6.2, 1), "Gateway_henkilostopalvelut": (7, 1),
            "EndEvent_ei_henkilostopalveluja": (9, 1),
            "Task_tyollistyminen": (8, 2), "EndEvent_tyollistyminen": (9, 2),
            "Task_koulutus": (8, 3), "EndEvent_koulutus": (9, 3),
            "Task_yrittajyys": (8, 4), "EndEvent_yrittajyys": (9, 4),
            # the staff who remain, the results
            "Gateway_osaamistarpeet": (10, 2.5), "Task_osaamistarpeet": (11, 3.7), "Gateway_koulutustarve": (12, 3.7),
            "Event_uusi_palvelutarve_osaaminen": (13, 3.7), "Task_tulokset": (14, 2.5),
            "Gateway_uusi_kierros": (15, 2.5),
            # aftercare
            "ScriptTask_jalkihoito_alustus": (16, 2.5), "Task_jalkihoito": (17, 2.5),
            "Gateway_uudelleenarviointi": (18, 2.5), "ScriptTask_uusi_yritys": (18, 1.3),
            "TimerEvent_uusi_yritys": (17, 1.3),
            "EndEvent_asiakkuus_jatkuu": (19, 2.5), "EndEvent_uusi_palvelutarve": (19, 3.5),
            "Task_ei_tavoitettu": (19, 4.5), "EndEvent_ei_tavoitettu": (20, 4.5),
            "Task_myohassa": (18, 6), "EndEvent_myohassa": (19, 6),
        },
        boxes={"SubProcess_henkilostopalvelut": (6, 0.8, 9, 4.2)},
        routes={"Flow_uusi_kierros": ("via_y", 0.2)},
        node_labels={**_AFTERCARE_NODE_LABELS, "EndEvent_uusi_palvelutarve": "right",
                     "Gateway_infotilaisuus": "above", "Gateway_henkilostopalvelut": "above",
                     "Gateway_osaamistarpeet": "above", "Gateway_koulutustarve": "below",
                     "Gateway_uusi_kierros": "below"},
        flow_labels={**_AFTERCARE_FLOW_LABELS, "Flow_uusi_kierros": "mid",
                     **{f"Flow_palvelu_{c}": "end" for c in ("tyollistyminen", "koulutus", "yrittajyys")}},
    ),
    Layout(
        file="processes/yritys_suomi_ohjaus.bpmn",
        lane_rows={"Lane_te_asiantuntijat": 5, "Lane_palveluesimiehet": 1},
        cells={
            "StartEvent_ohjaustarve": (0, 2), "StartEvent_ohjaa_yritys_suomi": (0, 3),
            "Task_palvelulupaus": (1, 2), "Task_ohjauskohde": (2, 2), "Gateway_yhteydenottaja": (3, 2),
            "Task_valitys": (4, 1), "Task_asiakkaan_ohjeet": (4, 3), "TimerEvent_varmistus": (5, 2),
            "Task_varmistus": (6, 2), "Gateway_perilla": (7, 2),
            # aftercare
            "ScriptTask_jalkihoito_alustus": (8, 2), "Task_jalkihoito": (9, 2),
            "Gateway_uudelleenarviointi": (10, 2), "ScriptTask_uusi_yritys": (10, 0.8),
            "TimerEvent_uusi_yritys": (9, 0.8),
            "EndEvent_asiakkuus_jatkuu": (11, 2), "EndEvent_uusi_palvelutarve": (11, 3),
            "Task_ei_tavoitettu": (11, 4), "EndEvent_ei_tavoitettu": (12, 4),
            "Task_myohassa": (10, 5), "EndEvent_myohassa": (11, 5),
        },
        routes={"Flow_ei_perilla": ("via_y", 0.1)},
        node_labels={**_AFTERCARE_NODE_LABELS, "EndEvent_uusi_palvelutarve": "right",
                     "Gateway_yhteydenottaja": "right", "TimerEvent_varmistus": "left", "Gateway_perilla": "below"},
        flow_labels={**_AFTERCARE_FLOW_LABELS, "Flow_ei_perilla": "mid"},
    ),
    Layout(
        file="processes/starttiraha.bpmn",
        lane_rows={"Lane_te_asiantuntijat": 5, "Lane_palveluesimiehet": 1},
        cells={
            "StartEvent_starttirahahakemus": (0, 2), "StartEvent_aloita_starttiraha": (0, 3),
            "Task_palvelulupaus": (1, 2), "Task_hakemus": (2, 2), "Gateway_lausunto": (3, 2),
            "Task_asiantuntija_arvio": (4, 2), "Task_paatos": (5, 2), "Gateway_paatos": (6, 2),
            # the grant period
            "TimerEvent_seuranta": (7, 2), "Task_seuranta": (8, 2), "Gateway_jatkohakemus": (9, 2),
            "TimerEvent_tukijakso_paattyy": (10, 2),
            # aftercare
            "ScriptTask_jalkihoito_alustus": (11, 2), "Task_jalkihoito": (12, 2),
            "Gateway_uudelleenarviointi": (13, 2), "ScriptTask_uusi_yritys": (13, 0.8),
            "TimerEvent_uusi_yritys": (12, 0.8),
            # the follow-up day a year after the aftercare, on every branch
            "TimerEvent_seurantapaiva": (15, 2), "Task_seurantapaiva": (16, 2), "EndEvent_asiakkuus_jatkuu": (17, 2),
            "Task_ei_tavoitettu": (15, 3), "Gateway_uudet_tarpeet": (14, 4), "EndEvent_uusi_palvelutarve": (15, 4),
            "Task_myohassa": (13, 5), "EndEvent_myohassa": (14, 5),
        },
        routes={"Flow_lausunto_liitteena": ("via_y", 2.9), "Flow_jatkohakemus": ("via_y", 0.9),
                "Flow_hylatty": ("via_y", 3.3)},
        node_labels={**_AFTERCARE_NODE_LABELS, **_FOLLOW_UP_NODE_LABELS,
                     "EndEvent_uusi_palvelutarve": "right", "Gateway_lausunto": "above", "Gateway_paatos": "above",
                     "Gateway_jatkohakemus": "below"},
        flow_labels={**_AFTERCARE_FLOW_LABELS, **_FOLLOW_UP_FLOW_LABELS, "Flow_jatkohakemus": "mid",
                     "Flow_lausunto_liitteena": "mid", "Flow_hylatty": "mid"},
    ),
]


# --- geometry ---------------------------------------------------------------------------------------

@dataclass
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: Rect) -> bool:
        return (self.x <= other.x and self.y <= other.y and other.right <= self.right
                and other.bottom <= self.bottom)

    def overlaps(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom)


@dataclass
class Node:
    id: str
    tag: str
    name: str
    shape: str            # task / event / gateway / box
    rect: Rect
    lane: str | None
    parent: str | None    # the subprocess a node is inside
    attached_to: str | None = None
    label: Rect | None = None


@dataclass
class Edge:
    id: str
    source: str
    target: str
    name: str
    points: list[tuple[float, float]]
    label: Rect | None = None


def _shape_kind(tag: str) -> str:
    if tag in TASKS:
        return "task"
    if tag in EVENTS:
        return "event"
    if tag in GATEWAYS:
        return "gateway"
    if tag == "subProcess":
        return "box"
    raise ValueError(f"no layout rule for bpmn:{tag}")


class Diagram:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.path = ROOT / layout.file
        self.tree = etree.parse(str(self.path))
        root = self.tree.getroot()
        self.collaboration = root.find("bpmn:collaboration", NS)
        self.participant = self.collaboration.find("bpmn:participant", NS)
        self.process = root.find("bpmn:process", NS)
        self.lanes = self.process.findall("bpmn:laneSet/bpmn:lane", NS)
        self.lane_of = {(r.text or "").strip(): lane.get("id") for lane in self.lanes
                        for r in lane.findall("bpmn:flowNodeRef", NS)}
        self.lane_top_row: dict[str, float] = {}
        row = 0
        for lane in self.lanes:
            self.lane_top_row[lane.get("id")] = row
            row += layout.lane_rows[lane.get("id")]
        self.nodes: dict[str, Node] = {}
        self.edges: list[Edge] = []
        self.lane_rects: dict[str, Rect] = {}
        self.pool: Rect | None = None
        self._place()
        self._route()

    # -- coordinates --
    def lane_y(self, lane_id: str) -> float:
        y = POOL_Y
        for lane in self.lanes:
            if lane.get("id") == lane_id:
                return y
            y += self.layout.lane_rows[lane.get("id")] * ROW_H + 2 * LANE_PAD
        raise KeyError(lane_id)

    def row_y(self, row: float) -> float:
        """Centre y of a (global, possibly fractional) row."""
        lane_id = self.lanes[0].get("id") or ""
        for lane in self.lanes:
            top = self.lane_top_row[lane.get("id") or ""]
            if row >= top - 0.5:
                lane_id = lane.get("id") or ""
        top = self.lane_top_row[lane_id]
        return self.lane_y(lane_id) + LANE_PAD + (row - top) * ROW_H + ROW_H / 2

    @staticmethod
    def col_x(col: float) -> float:
        return X0 + col * COL_W

    # -- placing --
    def _elements(self) -> Iterator[tuple[str, etree._Element]]:
        for element in self.process.iter():
            if not isinstance(element.tag, str) or not element.tag.startswith("{" + NS["bpmn"]):
                continue
            tag = etree.QName(element).localname
            if tag in TASKS | EVENTS | GATEWAYS | {"subProcess"}:
                yield tag, element

    def _place(self) -> None:
        for tag, element in self._elements():
            node_id = element.get("id")
            parent = element.getparent()
            parent_id = parent.get("id") if etree.QName(parent).localname == "subProcess" else None
            kind = _shape_kind(tag)
            if kind == "box":
                c0, r0, c1, r1 = self.layout.boxes[node_id]
                x0 = self.col_x(c0) - COL_W / 2 + 10
                x1 = self.col_x(c1) + COL_W / 2 - 10
                y0 = self.row_y(r0) - ROW_H / 2 + 5
                y1 = self.row_y(r1) + ROW_H / 2 - 5
                rect = Rect(x0, y0, x1 - x0, y1 - y0)
            elif tag == "boundaryEvent":
                continue
            else:
                if node_id not in self.layout.cells:
                    raise KeyError(f"{self.layout.file}: no grid cell for {node_id}")
                col, row = self.layout.cells[node_id]
                w, h = SIZES[kind]
                rect = Rect(self.col_x(col) - w / 2, self.row_y(row) - h / 2, w, h)
            lane = self.lane_of.get(node_id) or (self.nodes[parent_id].lane if parent_id else None)
            self.nodes[node_id] = Node(node_id, tag, element.get("name") or "", kind, rect, lane, parent_id)
        for tag, element in self._elements():
            if tag != "boundaryEvent":
                continue
            host = self.nodes[element.get("attachedToRef")]
            w, h = SIZES["event"]
            rect = Rect(host.rect.x + 82 - w / 2, host.rect.bottom - h / 2, w, h)
            self.nodes[element.get("id")] = Node(element.get("id"), tag, element.get("name") or "", "event", rect,
                                                 host.lane, host.parent, attached_to=host.id)
        right = max(n.rect.right for n in self.nodes.values()) + RIGHT_MARGIN
        y = POOL_Y
        for lane in self.lanes:
            height = self.layout.lane_rows[lane.get("id")] * ROW_H + 2 * LANE_PAD
            self.lane_rects[lane.get("id")] = Rect(POOL_X + POOL_HEADER, y, right - POOL_X - POOL_HEADER, height)
            y += height
        self.pool = Rect(POOL_X, POOL_Y, right - POOL_X, y - POOL_Y)
        for node in self.nodes.values():
            node.label = self._node_label(node)

    def _node_label(self, node: Node) -> Rect | None:
        if node.shape in ("task", "box") or not node.name:
            return None
        w = _label_width(node.name)
        h = _lines(node.name, w) * LINE_H
        r = node.rect
        where = self.layout.node_labels.get(node.id, "below")
        if where == "below":
            return Rect(r.cx - w / 2, r.bottom + 5, w, h)
        if where == "above":
            return Rect(r.cx - w / 2, r.y - 5 - h, w, h)
        if where == "above-left":
            return Rect(r.x - w - 2, r.y - 5 - h, w, h)
        if where == "above-right":
            return Rect(r.right + 2, r.y - 5 - h, w, h)
        if where == "right":
            return Rect(r.right + 6, r.cy - h / 2 if node.tag != "boundaryEvent" else r.bottom - 4, w, h)
        if where == "left":
            return Rect(r.x - 6 - w, r.cy - h / 2, w, h)
        if where == "below-left":
            return Rect(r.cx - 6 - w, r.bottom + 2, w, h)
        raise ValueError(where)

    # -- routing --
    def _route(self) -> None:
        for flow in self.process.iter(f"{{{NS['bpmn']}}}sequenceFlow"):
            src, tgt = self.nodes[flow.get("sourceRef")], self.nodes[flow.get("targetRef")]
            hint = self.layout.routes.get(flow.get("id"))
            points = self._points(src, tgt, hint)
            edge = Edge(flow.get("id"), src.id, tgt.id, flow.get("name") or "", points)
            mode = self.layout.flow_labels.get(edge.id, "start")
            if edge.name and mode != "none":
                edge.label = _flow_label(edge, mode)
            self.edges.append(edge)

    def _points(self, src: Node, tgt: Node, hint: tuple[str, float] | None) -> list[tuple[float, float]]:
        s, t = src.rect, tgt.rect
        if hint and hint[0] == "via_y":
            y = self.row_y(hint[1])
            start = (s.cx, s.y if y < s.cy else s.bottom)
            end = (t.cx, t.y if y < t.cy else t.bottom)
            return [start, (s.cx, y), (t.cx, y), end]
        if abs(s.cx - t.cx) < 0.5:                  # one above the other
            if t.cy > s.cy:
                return [(s.cx, s.bottom), (t.cx, t.y)]
            return [(s.cx, s.y), (t.cx, t.bottom)]
        if abs(s.cy - t.cy) < 0.5:                  # side by side
            if t.cx > s.cx:
                return [(s.right, s.cy), (t.x, t.cy)]
            return [(s.x, s.cy), (t.right, t.cy)]
        down = t.cy > s.cy
        if src.shape == "gateway" or src.tag == "boundaryEvent":   # vertical first, then into the side
            start = (s.cx, s.bottom if down else s.y)
            end = (t.x, t.cy) if t.cx > s.cx else (t.right, t.cy)
            return [start, (s.cx, t.cy), end]
        # horizontal first, then into the top or bottom
        start = (s.right, s.cy) if t.cx > s.cx else (s.x, s.cy)
        end = (t.cx, t.y if down else t.bottom)
        return [start, (t.cx, s.cy), end]

    # -- output --
    def di_xml(self) -> str:
        out: list[str] = []
        add = out.append
        plane = self.collaboration.get("id")
        add('  <bpmndi:BPMNDiagram id="BPMNDiagram_1">')
        add(f'    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="{plane}">')
        assert self.pool is not None
        add(_shape(self.participant.get("id") or "", self.pool, ' isHorizontal="true"'))
        for lane in self.lanes:
            add(_shape(lane.get("id"), self.lane_rects[lane.get("id")], ' isHorizontal="true"'))
        ordered = sorted(self.nodes.values(), key=lambda n: (n.shape != "box", n.tag == "boundaryEvent"))
        for node in ordered:
            extra = ""
            if node.tag == "exclusiveGateway":
                extra = ' isMarkerVisible="true"'
            elif node.shape == "box":
                extra = ' isExpanded="true"'
            add(_shape(node.id, node.rect, extra, node.label))
        for edge in self.edges:
            add(f'      <bpmndi:BPMNEdge id="{edge.id}_di" bpmnElement="{edge.id}">')
            for x, y in edge.points:
                add(f'        <di:waypoint x="{_n(x)}" y="{_n(y)}"/>')
            if edge.label is not None:
                add("        <bpmndi:BPMNLabel>")
                add(f"          {_bounds(edge.label)}")
                add("        </bpmndi:BPMNLabel>")
            add("      </bpmndi:BPMNEdge>")
        add("    </bpmndi:BPMNPlane>")
        add("  </bpmndi:BPMNDiagram>")
        return "\n".join(out) + "\n"

    def rendered(self) -> str:
        text = self.path.read_text(encoding="utf-8")
        text = re.sub(r"  <bpmndi:BPMNDiagram\b.*?</bpmndi:BPMNDiagram>\n", "", text, flags=re.S)
        return text.replace("</bpmn:definitions>", self.di_xml() + "</bpmn:definitions>")

    # -- checks --
    def problems(self) -> list[str]:
        found = []
        nodes = list(self.nodes.values())
        for node in nodes:
            lane = self.lane_rects.get(node.lane or "")
            if lane is None:
                found.append(f"{node.id}: in no lane")
            elif not lane.contains(node.rect) and node.tag != "boundaryEvent":
                found.append(f"{node.id}: outside its lane {node.lane}")
            if node.parent and not self.nodes[node.parent].rect.contains(node.rect):
                found.append(f"{node.id}: outside its subprocess {node.parent}")
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                related = {a.attached_to, b.attached_to, a.parent, b.parent} & {a.id, b.id}
                if not related and a.rect.overlaps(b.rect):
                    found.append(f"{a.id} overlaps {b.id}")
                for label_owner, label in ((a, a.label), (b, b.label)):
                    other = b if label_owner is a else a
                    if label is not None and other.shape != "box" and label.overlaps(other.rect):
                        found.append(f"label of {label_owner.id} overlaps {other.id}")
        labels = [(n.id, n.label) for n in nodes if n.label] + [(e.id, e.label) for e in self.edges if e.label]
        for i, (a_id, a_label) in enumerate(labels):
            for b_id, b_label in labels[i + 1:]:
                if a_label.overlaps(b_label):
                    found.append(f"label of {a_id} overlaps label of {b_id}")
        edge_ids = {e.id for e in self.edges}
        for owner, label in labels:
            if owner in edge_ids:
                for node in nodes:
                    if node.shape != "box" and label.overlaps(node.rect):
                        found.append(f"label of {owner} overlaps {node.id}")
            for edge in self.edges:
                if edge.id == owner:
                    continue
                inner = Rect(label.x + 1, label.y + 1, label.w - 2, label.h - 2)
                if any(_segment_hits(p, q, inner) for p, q in pairwise(edge.points)):
                    found.append(f"{edge.id} crosses the label of {owner}")
        for edge in self.edges:
            pts = edge.points
            for (x1, y1), (x2, y2) in pairwise(pts):
                if abs(x1 - x2) > 0.5 and abs(y1 - y2) > 0.5:
                    found.append(f"{edge.id}: segment is not orthogonal")
            if not _on_border(self.nodes[edge.source], pts[0]):
                found.append(f"{edge.id}: does not start on the border of {edge.source}")
            if not _on_border(self.nodes[edge.target], pts[-1]):
                found.append(f"{edge.id}: does not end on the border of {edge.target}")
            for node in nodes:
                if node.id in (edge.source, edge.target) or node.shape == "box":
                    continue
                if self.nodes[edge.source].attached_to == node.id:
                    continue
                inner = Rect(node.rect.x + 1, node.rect.y + 1, node.rect.w - 2, node.rect.h - 2)
                if any(_segment_hits(p, q, inner) for p, q in pairwise(pts)):
                    found.append(f"{edge.id}: crosses {node.id}")
            for box in (n for n in nodes if n.shape == "box"):
                inside_src = self.nodes[edge.source].parent == box.id
                inside_tgt = self.nodes[edge.target].parent == box.id
                if inside_src and inside_tgt and not all(_inside(box.rect, p) for p in pts):
                    found.append(f"{edge.id}: leaves its subprocess {box.id}")
                if not inside_src and not inside_tgt and box.id not in (edge.source, edge.target):
                    if any(_segment_hits(p, q, box.rect) for p, q in pairwise(pts)):
                        found.append(f"{edge.id}: crosses subprocess {box.id}")
        return found


def _label_width(text: str) -> float:
    """Labels are LABEL_W wide, wider when one word would not fit (bpmn-js would break the word)."""
    longest = max((len(word) for word in text.split()), default=0)
    return max(LABEL_W, math.ceil(longest * CHAR_W) + 14)


def _lines(text: str, limit: float = LABEL_W) -> int:
    words, lines, width = text.split(), 1, 0.0
    for word in words:
        w = len(word) * CHAR_W
        if width and width + CHAR_W + w > limit:
            lines += 1
            width = w
        else:
            width += (CHAR_W if width else 0) + w
    return lines


def _flow_label(edge: Edge, mode: str) -> Rect:
    """A flow's name: above a horizontal segment, or beside a vertical one (right going down, left going up).

    `start` labels the first segment, `end` the last (for flows that share their first segment with
    others), `mid` the longest horizontal one.
    """
    pts = edge.points
    segments = list(pairwise(pts))
    w = min(LABEL_W, max(20.0, len(edge.name) * CHAR_W))
    h = _lines(edge.name) * LINE_H if w == LABEL_W else LINE_H
    if mode == "mid":
        (x1, y1), (x2, y2) = max((sg for sg in segments if abs(sg[0][1] - sg[1][1]) < 0.5),
                                 key=lambda sg: abs(sg[0][0] - sg[1][0]))
        return Rect((x1 + x2) / 2 - w / 2, y1 - 4 - h, w, h)
    if mode == "end":
        (x1, y1), (x2, y2) = segments[-1]
        if abs(y1 - y2) < 0.5:
            x = x2 - 6 - w if x2 > x1 else x2 + 6
            return Rect(x, y1 - 4 - h, w, h)
        return Rect(x2 + 6, (y2 - 4 - h) if y2 > y1 else (y2 + 4), w, h)
    (x1, y1), (x2, y2) = segments[0]
    if abs(y1 - y2) < 0.5:
        x = x1 + 6 if x2 > x1 else x1 - 6 - w
        return Rect(x, y1 - 4 - h, w, h)
    if y2 > y1:
        return Rect(x1 + 6, y1 + 4, w, h)
    return Rect(x1 - 6 - w, y1 - 4 - h, w, h)


def _on_border(node: Node, p: tuple[float, float]) -> bool:
    r, (x, y) = node.rect, p
    if node.shape == "event":
        return abs(math.hypot(x - r.cx, y - r.cy) - r.w / 2) < 0.6
    if node.shape == "gateway":
        return abs(abs(x - r.cx) + abs(y - r.cy) - r.w / 2) < 0.6
    on_x = r.x - 0.5 <= x <= r.right + 0.5
    on_y = r.y - 0.5 <= y <= r.bottom + 0.5
    return (on_x and (abs(y - r.y) < 0.6 or abs(y - r.bottom) < 0.6)) or \
           (on_y and (abs(x - r.x) < 0.6 or abs(x - r.right) < 0.6))


def _inside(r: Rect, p: tuple[float, float]) -> bool:
    return r.x - 0.5 <= p[0] <= r.right + 0.5 and r.y - 0.5 <= p[1] <= r.bottom + 0.5


def _segment_hits(p: tuple[float, float], q: tuple[float, float], r: Rect) -> bool:
    """Whether an orthogonal segment p-q passes through the interior of r."""
    (x1, y1), (x2, y2) = p, q
    if abs(y1 - y2) < 0.5:
        return r.y < y1 < r.bottom and min(x1, x2) < r.right and max(x1, x2) > r.x
    return r.x < x1 < r.right and min(y1, y2) < r.bottom and max(y1, y2) > r.y


def _n(value: float) -> str:
    return str(int(round(value)))


def _bounds(r: Rect) -> str:
    return f'<dc:Bounds x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.w)}" height="{_n(r.h)}"/>'


def _shape(element_id: str, rect: Rect, extra: str = "", label: Rect | None = None) -> str:
    lines = [f'      <bpmndi:BPMNShape id="{escape(element_id)}_di" bpmnElement="{escape(element_id)}"{extra}>',
             f"        {_bounds(rect)}"]
    if label is not None:
        lines += ["        <bpmndi:BPMNLabel>", f"          {_bounds(label)}", "        </bpmndi:BPMNLabel>"]
    lines.append("      </bpmndi:BPMNShape>")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    status = 0
    for layout in LAYOUTS:
        diagram = Diagram(layout)
        problems = diagram.problems()
        for problem in problems:
            print(f"{layout.file}: {problem}")
        status |= bool(problems)
        text = diagram.rendered()
        current = diagram.path.read_text(encoding="utf-8")
        if check:
            if text != current:
                print(f"{layout.file}: the diagram is not what the layout gives; run tools/bpmn_layout.py")
                status = 1
        elif text != current:
            diagram.path.write_text(text, encoding="utf-8")
            print(f"wrote {layout.file}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
