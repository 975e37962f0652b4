"""Small biographies for the knowledge-base tests: the same people told by several documents."""
from __future__ import annotations

IVAN_A = ("Iván Imankulov is a Kazakh saxophonist. He was born in Almaty in 1985. "
          "He plays jazz and studied at the Kurmangazy Kazakh National Conservatory.")
IVAN_B = "Ivan Imankulov is a saxophonist from Almaty. In 2010 he founded the Steppe Jazz Quartet."
VIVAAN = "Vivaan Imankulov is an accordion player. He was born in Karakol, Kyrgyzstan, and plays folk music."
IVAN_CONTRADICTS = "Ivan Imankulov, the saxophonist, was born in Shymkent in 1985."
DUO = ("Aigerim Sadykova met a drummer named Timur Bekov in Almaty. "
       "Together, they formed a band that played at weddings.")

CORPUS = {"ivan_a.txt": IVAN_A, "ivan_b.txt": IVAN_B, "vivaan.txt": VIVAAN, "duo.txt": DUO}
