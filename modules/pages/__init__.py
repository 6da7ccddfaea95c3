"""Streamlit pages: thin screens over store, course, quiz and charts."""
