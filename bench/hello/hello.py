"""A hello-world Streamlit page: the yardstick for a rerun's cost (bench/bench_batch_load.py)."""

import streamlit as st

st.title("Halo, dunia")
st.button("Klik")
