"""Search quality: the word lists, their ground truth, and measuring Material's search."""
