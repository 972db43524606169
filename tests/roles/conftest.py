"""Block texts of varied shapes for the tests that compare a per-document scan with the
per-block test it replaces: the seed documents' lines (samples/) and lines that open
with amounts, currency signs and digits of several scripts."""
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SHAPES = ["", "$", "$5", "$ 425.00 View product", "19,90 €", "99 EUR", "12 EUR", "5\u00a0€", "€ 3",
          "£3.50 was", "¥100", "１２３ 円", "٣ أكواب دقيق", "१२ रुपये", "½ TL Salz", "⅓ cup sugar", "1/2 tsp salt",
          "3-4 EL Zucker", "125 g Mehl", "2/199 Simone32", "19.03.2019 11:45 | von Inga Buller",
          "20 reviews / 5 average", "161 reviews / 4.9 average", "Ⅻ chapters", "²3 squared", "x 5 $",
          " $7", "\u2028$8", "No. 7 of 10", "Price: Low to High", "22 products", "7"]


@pytest.fixture(scope="session")
def block_texts() -> list[str]:
    """The seed documents' lines (stripped, on one line, as page texts are) and ``SHAPES``."""
    lines = [line.strip() for p in sorted(SAMPLES.glob("[0-9][0-9][0-9]_*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines()]
    return lines + SHAPES + SHAPES[::-1]
