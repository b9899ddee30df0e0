"""Listed companies that German and English market news name without any grammatical cue.

Used only to spot a company in commentary and prose ("HSBC sieht Potenzial für Koenig & Bauer");
headline grammars find companies by position and need no table.
"""

from __future__ import annotations

from .data_files import data_lines
from .name_table import NameTable

COMPANIES: tuple[str, ...] = tuple(data_lines("companies.txt"))

# Short names that are also words ("LEG", English "leg"): found only as written.
COMPANIES_AS_WRITTEN: tuple[str, ...] = tuple(data_lines("companies_as_written.txt"))

COMPANY_TABLE = NameTable(COMPANIES, as_written=COMPANIES_AS_WRITTEN)
