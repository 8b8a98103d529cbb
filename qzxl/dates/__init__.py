"""Dates that hang off the exam date: the working-day calendar, the deadlines and system nodes, iCalendar."""
