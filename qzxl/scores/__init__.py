"""After the exam (steps 9 and 10 of the college's process): score lists read, verdicts, lists and the archive.

``values`` reads one score cell; ``reading`` turns a college's score list into lines; ``rules`` matches the lines
to the batch and judges each subject (findings with stable codes); ``sheet`` lays out the 成绩 sheet and reads
it back; ``outputs`` writes the 合格名单, 补考名单 and 成绩通知; ``archive`` gathers the batch into one folder.
"""
