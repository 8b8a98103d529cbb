"""The tests' own ISO 7064 MOD 11-2 (GB 11643's check digit), written from its defining property, never from the
code under test:

>>> mod11_2_holds("11010519491231002X")
True
>>> mod11_2_holds("110105194912310021")
False
"""

WEIGHTS = [2 ** (17 - i) % 11 for i in range(18)]


def mod11_2_holds(number: str) -> bool:
    """GB 11643: the weighted sum of all 18 characters (X = 10) is 1 modulo 11."""
    values = [10 if ch == "X" else int(ch) for ch in number]
    return sum(v * w for v, w in zip(values, WEIGHTS, strict=True)) % 11 == 1
