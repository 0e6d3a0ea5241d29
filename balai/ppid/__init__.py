"""PPID: public-information requests under UU 14/2008 and Perki 1/2021 (DESIGN.md §5)."""
