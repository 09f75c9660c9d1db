"""Vietnamese dates as Vietnamese write them inside a sentence: Django's own "Ngày 04 tháng 12 năm 2026"
starts with a capital and a padded day, so "Hoàn thành ngày %(date)s" printed "Hoàn thành ngày Ngày 04…".
The day stands alone here ("4 tháng 12 năm 2026"); a sentence that needs "ngày" says it itself.
Every other format is Django's."""

DATE_FORMAT = r"j \t\há\n\g n \nă\m Y"
DATETIME_FORMAT = r"H:i, j \t\há\n\g n \nă\m Y"
MONTH_DAY_FORMAT = r"j \t\há\n\g n"
