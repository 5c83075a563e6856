import GeotagCore
print("geotag")
