use superoffice_api::so_endpoint;

#[derive(Debug, Clone)]
pub struct NewContact {
    pub name: String,
}

#[so_endpoint(POST "/api/v1/Contact", response = serde_json::Value)]
pub struct CreateContact {
    #[body]
    contact: NewContact,
}

fn main() {}
