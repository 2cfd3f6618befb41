/// Package cataloguing: OS detection and OS/language package inventories.
public enum PackageCatalogModule {}
