"""Photo and attachment folders: check them, explain every problem, produce a conforming copy.

The rules are the college's (process text, step 1–2): a recent bare-headed ID
photo on a white background, JPG/JPEG, named ID number + name, more than 30 KB
and less than 2 MB, more than 215×300 pixels (width × height).
"""
