"""Kelas Literasi Digital ASN: the course, its quizzes and its dashboards."""
