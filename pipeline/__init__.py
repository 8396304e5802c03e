"""asielstandpunten: where Dutch politics stands on the demands of VluchtelingenWerk's letter."""
__version__ = "0.1.0"
