"""Plain Python: vocabulary, rules, layout and insights. No Qt, no SQL, no files."""
