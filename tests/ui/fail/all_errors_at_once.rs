use superoffice_api::so_endpoint;

#[so_endpoint(FETCH "/api/v1/Contact/{contactId}/{kind}", respons = Contact)]
pub struct GetContact {
    contact_id: Vec<i32>,
    #[query]
    options: Option<String>,
    #[query(rename = "$top")]
    limit: Option<i32>,
    #[body]
    a: String,
    #[body]
    b: String,
    stray: bool,
}

fn main() {}
