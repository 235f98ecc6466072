"""The ground floor: errors, where drafter's own files are, the cache folder, dates, Chinese numerals,
heading labels, the party-committee level words, and writing files safely.

Everything here is plain Python with no third-party package, so every other stage can lean on it.

May import: nothing of drafter's (the standard library only).
"""
