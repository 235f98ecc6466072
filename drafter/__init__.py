"""drafter: documents of Chinese party inspection work (巡察) from YAML facts, in the GB/T 9704-2012 format."""

__version__ = "0.1.0"
