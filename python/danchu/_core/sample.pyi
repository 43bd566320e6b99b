# danchu._core.sample (src/register_sample.cpp)

from typing import Any

from .organisation import Organisation
from .schedule import Records

STANDARD_PERIODS: tuple[str, ...]

def province(units: int = 330, seed: int = 2018) -> Organisation: ...
def evidence_json(
    organisation: Organisation, period: str, seed: int, data_dir: str
) -> tuple[str, list[str], bool]: ...
def records(organisation: Organisation, law_10_2022: bool, seed: int, data_dir: str) -> Records: ...
def write(out_dir: str, units: int, seed: int, data_dir: str) -> dict[str, Any]: ...
