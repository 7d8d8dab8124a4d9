//! Print the space each catalog table takes (a diagnostic for storage tuning).
use redb::{MultimapTableHandle, ReadableDatabase, ReadableTableMetadata, TableHandle};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: catalog_sizes ARCHIVE/catalog.redb")?;
    let db = redb::ReadOnlyDatabase::open(path)?;
    let r = db.begin_read()?;
    for t in r.list_tables()? {
        let def: redb::TableDefinition<&str, &[u8]> = redb::TableDefinition::new(t.name());
        match r.open_untyped_table(t.clone()) {
            Ok(tab) => {
                let s = tab.stats()?;
                println!(
                    "{:16} stored {:>12} metadata {:>10} fragmented {:>10} leaf pages {:>8}",
                    t.name(),
                    s.stored_bytes(),
                    s.metadata_bytes(),
                    s.fragmented_bytes(),
                    s.leaf_pages()
                );
            }
            Err(e) => println!("{}: {e}", t.name()),
        }
        let _ = def;
    }
    for t in r.list_multimap_tables()? {
        println!("{:16} (multimap)", t.name());
    }
    Ok(())
}
