"""What a single cell value is: normalised text and dates, ID numbers checked, IDs masked, the option lists."""
