"""How long the safety check takes, so it can run on every save (issue 12).

Times `safety.check` on a 500-character post in mixed Chinese with a few customer details and a
crisis sign (goal: median <= 2 ms), then on hostile inputs at two lengths: a linear pattern takes
about 8x as long for 8x the text, a backtracking one far more. No server needed.

    .venv/bin/python bench/safety_speed.py [--runs 300]
"""

from __future__ import annotations

import argparse
import statistics
import time

PARAGRAPH = (
    "复盘一下今天：客户李娜，电话13698765432，订单号3412987650012345678，说收到的是空盒子。"
    "我先道歉，调了仓库称重记录，又请顺丰查SF1357924680135的中转记录，地址是杭州市西湖区文三路123号5号楼1201室。"
    "Customer in Toronto, phone 416.555.0123, asked about the warranty. 卡号6222 0212 3456 7890 128 我让他撤回了。"
    "下班的时候真的好累，撑不住了，但还是把周报写完了。明天早班，记得先吃早饭，别空着肚子接线。"
    "组长说双十一之前会多排两个人，希望是真的。晚饭吃了番茄炒蛋，很香，今天就到这里吧，晚安。"
)
HOSTILE = {"digits": "1", "digit-space": "1 ", "email-ish": "a@", "road": "路1号", "han": "想", "leet": "k1ll ",
           "quotes": "“", "plus-one": "+1 ", "name-label": "收件人："}


def _text(length: int) -> str:
    return (PARAGRAPH * (length // len(PARAGRAPH) + 1))[:length]


def _median_ms(call, runs: int) -> float:
    call()  # warm: compiled patterns, the hotline file
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    from resilience_app.services import safety

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    text = _text(500)
    median = _median_ms(lambda: safety.check(text), args.runs)
    p95 = statistics.quantiles([_median_ms(lambda: safety.check(text), 1) for _ in range(60)], n=20)[-1]
    verdict = "met" if median <= 2 else "NOT MET"
    print(f"safety.check, {len(text)} characters: median {median:.2f} ms, p95 {p95:.2f} ms (goal: median <= 2 ms, {verdict})")
    print("hostile inputs, 5,000 vs 40,000 characters (linear: about 8x):")
    for name, unit in HOSTILE.items():
        short, long = (unit * (n // len(unit)) for n in (5_000, 40_000))
        t_short = _median_ms(lambda: safety.check(short), 5)
        t_long = _median_ms(lambda: safety.check(long), 3)
        print(f"  {name:12} {t_short:8.1f} ms -> {t_long:8.1f} ms  ({t_long / t_short:4.1f}x)")


if __name__ == "__main__":
    main()
