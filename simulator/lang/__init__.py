"""The words of the program in French and English, typography, and how stored text is shown."""
