/// The version of geotag, recorded in every run and sent as part of the User-Agent.
public enum GeotagVersion {
    public static let current = "0.1.0"
}
