# Disaster recovery copies run in Tokyo.
dr_region = "ap-northeast-1"
