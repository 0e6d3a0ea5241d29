"""Periodic PPID work registered with the worker."""
