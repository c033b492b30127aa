dr_region = "ap-southeast-1"
