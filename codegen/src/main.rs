fn main() {
    let dir = std::env::args().nth(1).unwrap();
    match codegen::parse::read_dir(std::path::Path::new(&dir)) {
        Ok(pages) => {
            println!("{} pages", pages.len());
            if let Some(p) = std::env::args().nth(2) {
                for pg in pages.iter().filter(|x| x.source.contains(&p)) {
                    println!("{pg:#?}");
                }
            }
        }
        Err(e) => eprintln!("{e}"),
    }
}
